// Pilot report charts. Each chart is drawn from the HTML table that carries the same figures
// (table[data-chart], numbers in td[data-value]), so the chart and its accessible table can never disagree.
// No inline script: the page only holds the tables (Content-Security-Policy script-src 'self').
(function () {
    'use strict';

    var palette = ['#14213d', '#1f77b4', '#d62728', '#7f7f7f', '#ff7f0e', '#2ca02c', '#9467bd'];

    function readTable(table) {
        var headers = Array.prototype.slice.call(table.querySelectorAll('thead th'));
        var seriesColumns = [];
        headers.forEach(function (th, index) {
            if (th.hasAttribute('data-series')) {
                seriesColumns.push({ index: index, label: th.textContent.trim() });
            }
        });
        var labels = [];
        var datasets = seriesColumns.map(function (column, i) {
            return { label: column.label, data: [], backgroundColor: palette[i % palette.length], borderColor: palette[i % palette.length] };
        });
        table.querySelectorAll('tbody tr').forEach(function (row) {
            var cells = row.children;
            labels.push(cells[0].textContent.trim());
            seriesColumns.forEach(function (column, i) {
                var raw = cells[column.index] ? cells[column.index].getAttribute('data-value') : null;
                datasets[i].data.push(raw === null || raw === '' ? null : Number(raw));
            });
        });
        return { labels: labels, datasets: datasets };
    }

    function draw(table) {
        var canvas = document.getElementById(table.getAttribute('data-chart-canvas'));
        if (!canvas || typeof window.Chart === 'undefined') {
            return;
        }
        var data = readTable(table);
        var unit = table.getAttribute('data-chart-unit');
        var chart = new window.Chart(canvas, {
            type: table.getAttribute('data-chart') || 'bar',
            data: data,
            options: {
                indexAxis: table.hasAttribute('data-chart-horizontal') ? 'y' : 'x',
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                spanGaps: true,
                plugins: { legend: { position: 'bottom' } },
                scales: unit ? { y: { beginAtZero: true, title: { display: true, text: unit } } } : { y: { beginAtZero: true } }
            }
        });
        canvas.setAttribute('data-chart-ready', 'true');
        // Printing: draw again at the paper's width.
        window.addEventListener('beforeprint', function () { chart.resize(); });
    }

    document.querySelectorAll('table[data-chart]').forEach(draw);

    var print = document.querySelector('[data-report-print]');
    if (print) {
        print.addEventListener('click', function () { window.print(); });
    }
})();
