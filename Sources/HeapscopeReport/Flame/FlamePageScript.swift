/// The flame page's script: reads the JSON data element, draws the icicle
/// as positioned elements, and handles zoom, breadcrumb, hover, search and
/// the sample-type switch. State is mirrored in the URL hash
/// (`#type=inuse_space&zoom=12&search=regexp`), so a link can share a view
/// and tests can drive the page. No network access of any kind.
enum FlamePageScript {
    static let source = #"""
        (function () {
          'use strict';
          var started = performance.now();
          var data = JSON.parse(document.getElementById('flame-data').textContent);
          var T = data.types.length, n = data.parent.length, ROW = 18;
          var children = [];
          for (var i = 0; i < n; i++) children.push([]);
          for (var j = 1; j < n; j++) children[data.parent[j]].push(j);
          var chart = document.getElementById('chart'), tip = document.getElementById('tooltip');
          var crumbs = document.getElementById('breadcrumb'), matched = document.getElementById('matched');
          var searchBox = document.getElementById('search'), typeBox = document.getElementById('type');
          var state = { column: data.selected, zoom: 0, search: '' };

          function value(i, c) { return data.values[i * T + c]; }
          function base(i, c) { return data.diff ? data.base[i * T + c] : 0; }
          function width(i, c) { return Math.abs(value(i, c)) + Math.abs(base(i, c)); }
          function name(i) { return i === 0 ? 'all' : data.names[data.name[i]]; }

          // pprof's units (internal/measurement): auto-scaled, two decimals, ".00" dropped.
          var FAMILIES = [
            { match: /^(b|bytes?)$/, units: [['B', 1], ['kB', 1024], ['MB', 1048576], ['GB', 1073741824], ['TB', 1099511627776], ['PB', 1125899906842624]] },
            { match: /^(ns|nanoseconds?)$/, units: [['ns', 1], ['us', 1e3], ['ms', 1e6], ['s', 1e9], ['hrs', 3.6e12]] }
          ];
          function label(v, unit) {
            var scaled = v, suffix = '';
            for (var f = 0; f < FAMILIES.length; f++) {
              if (!FAMILIES[f].match.test(unit)) continue;
              var units = FAMILIES[f].units;
              scaled = v / units[0][1]; suffix = units[0][0];
              for (var u = 0; u < units.length; u++) {
                if (Math.abs(v) / units[u][1] >= 1) { scaled = v / units[u][1]; suffix = units[u][0]; }
              }
            }
            var text = scaled.toFixed(2);
            if (text.slice(-3) === '.00') text = text.slice(0, -3);
            if (text === '0' || text === '-0') return '0';
            return text + suffix;
          }
          function unitOf(c) { return data.types[c].unit; }
          function percent(v, total) { return total ? (Math.abs(v / total) * 100).toFixed(2) + '%' : '-'; }
          function signed(v, c) { return (v > 0 ? '+' : '') + label(v, unitOf(c)); }

          function colour(i) {
            var c = state.column;
            if (!data.diff) {
              var h = 0, s = name(i);
              for (var k = 0; k < s.length; k++) h = (h * 31 + s.charCodeAt(k)) >>> 0;
              return 'hsl(' + (h % 55) + ',' + (70 + h % 20) + '%,' + (58 + (h >> 8) % 14) + '%)';
            }
            var now = value(i, c), before = base(i, c), delta = now - before;
            var rel = delta / Math.max(Math.abs(now), Math.abs(before), 1);
            var totalWidth = width(0, c);
            if (Math.abs(delta) < data.significance.total * totalWidth || Math.abs(rel) < data.significance.relative) return 'hsl(0,0%,86%)';
            var light = 88 - 40 * Math.min(1, Math.abs(rel));
            return delta > 0 ? 'hsl(0,85%,' + light + '%)' : 'hsl(215,85%,' + light + '%)';
          }
          function side(i) {
            var c = state.column;
            if (!data.diff || i === 0) return '';
            if (base(i, c) === 0 && value(i, c) !== 0) return 'added';
            if (value(i, c) === 0 && base(i, c) !== 0) return 'removed';
            return '';
          }

          function pattern() {
            if (!state.search) return null;
            try { return new RegExp(state.search); } catch (e) {
              return new RegExp(state.search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
            }
          }
          function matchedShare(re) {
            var total = 0, stack = [0];
            while (stack.length) {
              var i = stack.pop();
              if (i !== 0 && re.test(name(i))) { total += value(i, state.column); continue; }
              for (var k = 0; k < children[i].length; k++) stack.push(children[i][k]);
            }
            return total;
          }

          function ancestors(i) {
            var path = [];
            for (; i >= 0; i = data.parent[i]) path.unshift(i);
            return path;
          }

          function frame(i, x, w, depth, cls, re) {
            var el = document.createElement('div');
            el.className = 'frame' + (cls ? ' ' + cls : '') + (re && i !== 0 && re.test(name(i)) ? ' match' : '');
            var mark = side(i);
            if (mark) el.className += ' ' + mark;
            el.style.left = x.toFixed(1) + 'px';
            el.style.top = (depth * ROW) + 'px';
            el.style.width = Math.max(w - 1, 0.5).toFixed(1) + 'px';
            el.style.background = colour(i);
            el.setAttribute('data-node', String(i));
            el.setAttribute('data-name', name(i));
            if (w > 24) el.textContent = name(i);
            return el;
          }

          function render() {
            var c = state.column, re = pattern();
            var W = chart.clientWidth || 1200, fragment = document.createDocumentFragment();
            var path = ancestors(state.zoom), depthMax = path.length;
            for (var p = 0; p < path.length; p++) {
              fragment.appendChild(frame(path[p], 0, W, p, p < path.length - 1 ? 'ancestor' : 'zoomed', re));
            }
            var zw = width(state.zoom, c), scale = zw > 0 ? W / zw : 0;
            var stack = [[state.zoom, 0, W, path.length - 1]];
            while (stack.length) {
              var top = stack.pop(), x = top[1], end = top[1] + top[2];
              var kids = children[top[0]];
              for (var k = 0; k < kids.length; k++) {
                var w = Math.min(width(kids[k], c) * scale, end - x);
                if (w >= 0.5) {
                  fragment.appendChild(frame(kids[k], x, w, top[3] + 1, '', re));
                  stack.push([kids[k], x, w, top[3] + 1]);
                  depthMax = Math.max(depthMax, top[3] + 2);
                }
                x += w;
              }
            }
            chart.textContent = '';
            chart.appendChild(fragment);
            chart.style.height = (depthMax * ROW + 4) + 'px';
            chart.className = re ? 'searching' : '';
            crumbs.textContent = '';
            path.forEach(function (node, index) {
              var b = document.createElement('button');
              b.type = 'button';
              b.textContent = name(node);
              b.setAttribute('data-node', String(node));
              if (index === path.length - 1) b.className = 'current';
              crumbs.appendChild(b);
            });
            if (re) {
              var share = matchedShare(re);
              matched.textContent = 'Matched: ' + label(share, unitOf(c)) + ' (' + percent(share, data.totals[c]) + ' of total)';
            } else {
              matched.textContent = '';
            }
            document.getElementById('total').textContent = summary();
            saveHash();
          }

          function summary() {
            var c = state.column, t = data.types[c].type;
            if (data.diff) {
              var now = value(0, c), before = base(0, c);
              return t + ': base ' + label(before, unitOf(c)) + ' \u2192 ' + label(now, unitOf(c)) + ' (' + signed(now - before, c) + ')';
            }
            return t + ': total ' + label(data.totals[c], unitOf(c));
          }

          function describe(i) {
            var c = state.column, unit = unitOf(c), parent = data.parent[i];
            var lines = [name(i)];
            if (data.diff) {
              var now = value(i, c), before = base(i, c);
              lines.push('base ' + label(before, unit) + ' \u2192 new ' + label(now, unit) + ' (' + signed(now - before, c) + ', ' +
                percent(now - before, data.totals[c]) + ' of base total)');
              var mark = side(i);
              if (mark === 'added') lines.push('only in the new profile');
              if (mark === 'removed') lines.push('only in the base profile');
            } else {
              var v = value(i, c);
              lines.push(label(v, unit) + ' \u2014 ' + percent(v, data.totals[c]) + ' of total' +
                (parent >= 0 ? ', ' + percent(v, value(parent, c)) + ' of parent' : ''));
            }
            return lines;
          }

          function saveHash() {
            var parts = ['type=' + encodeURIComponent(data.types[state.column].type)];
            if (state.zoom) parts.push('zoom=' + state.zoom);
            if (state.search) parts.push('search=' + encodeURIComponent(state.search));
            try { history.replaceState(null, '', '#' + parts.join('&')); } catch (e) { /* file:// in some browsers */ }
          }

          function loadHash() {
            var hash = location.hash.replace(/^#/, '');
            hash.split('&').forEach(function (part) {
              var eq = part.indexOf('=');
              if (eq < 0) return;
              var key = part.slice(0, eq), val = decodeURIComponent(part.slice(eq + 1));
              if (key === 'type') data.types.forEach(function (t, c) { if (t.type === val) state.column = c; });
              if (key === 'zoom' && /^[0-9]+$/.test(val) && +val < n) state.zoom = +val;
              if (key === 'search') state.search = val;
            });
          }

          function nodeOf(target) {
            var el = target.closest ? target.closest('[data-node]') : null;
            return el ? +el.getAttribute('data-node') : -1;
          }
          chart.addEventListener('click', function (e) {
            var i = nodeOf(e.target);
            if (i >= 0) { state.zoom = i; render(); }
          });
          crumbs.addEventListener('click', function (e) {
            var i = nodeOf(e.target);
            if (i >= 0) { state.zoom = i; render(); }
          });
          chart.addEventListener('mousemove', function (e) {
            var i = nodeOf(e.target);
            if (i < 0) { tip.hidden = true; return; }
            tip.textContent = '';
            describe(i).forEach(function (line, index) {
              var div = document.createElement('div');
              if (index === 0) div.className = 'name';
              div.textContent = line;
              tip.appendChild(div);
            });
            tip.hidden = false;
            tip.style.left = Math.min(e.clientX + 12, window.innerWidth - tip.offsetWidth - 8) + 'px';
            tip.style.top = (e.clientY + 14) + 'px';
          });
          chart.addEventListener('mouseleave', function () { tip.hidden = true; });
          searchBox.addEventListener('input', function () { state.search = searchBox.value; render(); });
          typeBox.addEventListener('change', function () { state.column = +typeBox.value; render(); });
          document.getElementById('reset').addEventListener('click', function () {
            state.zoom = 0; state.search = ''; searchBox.value = ''; render();
          });
          window.addEventListener('resize', render);

          data.types.forEach(function (t, c) {
            var option = document.createElement('option');
            option.value = String(c);
            option.textContent = t.type;
            typeBox.appendChild(option);
          });
          loadHash();
          typeBox.value = String(state.column);
          searchBox.value = state.search;
          render();
          document.body.setAttribute('data-render-ms', (performance.now() - started).toFixed(1));
          document.body.setAttribute('data-rendered', 'true');
        })();
        """#
}
