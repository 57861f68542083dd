/// The explorer page's style sheet and script, inline in every page.
enum ExplorerAssets {
    /// Colours meet WCAG AA contrast on white (the highlight #a3005f is 7.7:1, the text #1a1a1a 17:1, borders #767676 4.5:1).
    static let style = """
    body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 1em; }
    header h1 { font-size: 1.2em; margin: 0 0 .5em; }
    form#controls { display: flex; gap: 1em; flex-wrap: wrap; align-items: center; }
    fieldset { border: 1px solid #767676; padding: .2em .6em; }
    .figure svg { max-width: 100%; height: auto; }
    .edge.on path, .edge.on polygon { stroke: #a3005f; stroke-width: 3; }
    .edge.on polygon { fill: #a3005f; }
    .edge.dim, .node.dim { opacity: .3; }
    .node.on polygon, .node.on ellipse { stroke: #a3005f; stroke-width: 3; }
    [data-node], [data-edge] { cursor: pointer; }
    .term { display: inline-block; padding: .15em .3em; border-radius: .3em; border: 2px solid transparent; }
    .term:focus, .term:hover { outline: none; border-color: #a3005f; }
    .term.on { background: #fbe3ef; }
    .terms math { math-style: normal; font-size: 1.1em; }
    .terms { line-height: 2.6; }
    .term.pinned { border-color: #1a1a1a; }
    .plus { color: #1a1a1a; }
    .item:first-of-type .plus { display: none; }
    math[display="block"] { margin: .6em 0; }
    .factor:focus, .factor:hover { outline: 2px solid #a3005f; background: #fbe3ef; }
    .contribution { font-size: .8em; color: #4d4d4d; margin-left: .2em; }
    #panel dl { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
    #panel dd { margin: 0; font-family: ui-monospace, monospace; }
    #panel { border-top: 1px solid #767676; margin-top: 1em; padding-top: .5em; }
    #panel li.term-ref { display: inline-block; margin-right: .6em; }
    pre { background: #f4f4f4; padding: .5em; overflow-x: auto; }
    @media print {
      header, #panel { display: none; }
      .edge.dim, .node.dim { opacity: 1; }
      .term.on { background: none; }
      details#model > pre { display: block; }
    }

    """

    /// Links terms and the figure both ways; reads the JSON data block and the page's hooks only.
    static let script = """
    (function () {
      'use strict';
      var data = JSON.parse(document.getElementById('data').textContent);
      var panel = document.getElementById('panel');
      var pinned = null;
      function section() { return document.querySelector('section.length:not([hidden])'); }
      function current() { return data[section().dataset.length]; }
      function highlight(k) {
        var on = new Set(k ? current().paths[k - 1] : []);
        var nodes = new Set();
        on.forEach(function (e) { e.split('->').forEach(function (n) { nodes.add(n); }); });
        section().querySelectorAll('[data-edge]').forEach(function (e) {
          e.classList.toggle('on', on.has(e.dataset.edge));
          e.classList.toggle('dim', k !== null && !on.has(e.dataset.edge));
        });
        section().querySelectorAll('[data-node]').forEach(function (n) {
          n.classList.toggle('on', nodes.has(n.dataset.node));
          n.classList.toggle('dim', k !== null && !nodes.has(n.dataset.node));
        });
        section().querySelectorAll('[data-term]').forEach(function (t) {
          t.classList.toggle('on', Number(t.dataset.term) === k);
          t.classList.toggle('pinned', Number(t.dataset.term) === pinned);
        });
      }
      function show(html) { panel.innerHTML = html; }
      function escape(s) { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;'); }
      document.addEventListener('mouseover', function (ev) {
        var t = ev.target.closest('[data-term]'); if (t) highlight(Number(t.dataset.term));
      });
      document.addEventListener('mouseout', function (ev) {
        if (ev.target.closest('[data-term]')) highlight(pinned);
      });
      document.addEventListener('focusin', function (ev) {
        var t = ev.target.closest('[data-term]'); if (t) highlight(Number(t.dataset.term));
      });
      document.addEventListener('focusout', function (ev) {
        if (ev.target.closest('[data-term]')) highlight(pinned);
      });
      function pin(k) { pinned = pinned === k ? null : k; highlight(pinned === null ? k : pinned); }
      function activate(target) {
        var t = target.closest('[data-term]');
        if (t) { pin(Number(t.dataset.term)); return; }
        var n = target.closest('[data-node]');
        if (n) {
          var name = n.dataset.node, d = current(), terms = d.through[name] || [];
          var numbers = '';
          if (d.values && d.values[name]) {
            numbers = '<dl><dt>value</dt><dd data-value="' + escape(d.values[name][0]) + '">' + escape(d.values[name][1])
              + '</dd><dt>adjoint ∂L/∂' + escape(name) + '</dt><dd data-adjoint="' + escape(d.adjoints[name][0])
              + '">' + escape(d.adjoints[name][1]) + '</dd></dl>';
          }
          show('<h2>' + escape(name) + '</h2>' + numbers + '<p>Terms through ' + escape(name) + ' (' + terms.length
            + '):</p><ul id="node-terms">' + terms.map(function (k) {
              return '<li class="term-ref" data-term-ref="' + k + '">' + k + '</li>'; }).join('') + '</ul>');
          return;
        }
        var e = target.closest('[data-edge]');
        if (e) {
          var p = current().partials[e.dataset.edge];
          show('<h2>' + escape(e.dataset.edge) + '</h2>' + (p
            ? '<p id="edge-symbolic"><math display="block">' + p[0] + '</math></p>'
              + '<p id="edge-closed"><math display="block">' + p[1] + '</math></p>'
            : '<p>This edge is on no path of the derivation.</p>'));
        }
      }
      function sort(button) {
        var on = button.getAttribute('aria-pressed') !== 'true';
        button.setAttribute('aria-pressed', String(on));
        document.querySelectorAll('p.terms').forEach(function (p) {
          var items = Array.prototype.slice.call(p.querySelectorAll('.item'));
          items.sort(function (a, b) {
            var ka = Number(a.querySelector('[data-term]').dataset.term), kb = Number(b.querySelector('[data-term]').dataset.term);
            return on ? (Number(b.dataset.size) - Number(a.dataset.size)) || ka - kb : ka - kb;
          });
          items.forEach(function (item) { p.appendChild(item); });
        });
      }
      document.addEventListener('click', function (ev) {
        if (ev.target.closest('button.sort')) { sort(ev.target.closest('button.sort')); return; }
        activate(ev.target);
      });
      document.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') {
          if (ev.target.closest('[data-term],[data-node],[data-edge]')) { ev.preventDefault(); activate(ev.target); }
        }
      });
      function chosen(name) { return document.querySelector('input[name="' + name + '"]:checked').value; }
      function update() {
        var n = document.getElementById('length').value;
        document.querySelectorAll('section.length').forEach(function (s) { s.hidden = s.dataset.length !== n; });
        var form = chosen('form') + '-' + chosen('local');
        document.querySelectorAll('.form').forEach(function (f) { f.hidden = f.dataset.form !== form; });
        pinned = null; highlight(null);
      }
      document.getElementById('controls').addEventListener('change', update);
    })();

    """
}
