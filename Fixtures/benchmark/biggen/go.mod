module heapscope/biggen

go 1.19
