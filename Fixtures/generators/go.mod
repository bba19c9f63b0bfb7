module heapscope/fixtures

go 1.19
