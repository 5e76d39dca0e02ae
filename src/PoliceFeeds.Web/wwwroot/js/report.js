// Pilot report charts. Each chart is drawn from the HTML table that carries the same figures
// (table[data-chart], numbers in td[data-value]), so the chart and its accessible table can never disagree.
// No inline script: the page only holds the tables (Content-Security-Policy script-src 'self').
// A series column (th[data-series]) may say which axis it goes on (data-axis="y1", the right-hand axis, titled by the
// table's data-chart-unit-y1; the left one by data-chart-unit) and which cell attribute holds its number
// (data-value-attr, data-value by default), so that each axis is in the unit of its figures.
// An empty cell is a gap (null, never zero): lines are not joined across months without figures (spanGaps false).
(function () {
    'use strict';

    var palette = ['#14213d', '#1f77b4', '#d62728', '#7f7f7f', '#ff7f0e', '#2ca02c', '#9467bd'];

    function readTable(table) {
        var headers = Array.prototype.slice.call(table.querySelectorAll('thead th'));
        var seriesColumns = [];
        headers.forEach(function (th, index) {
            if (th.hasAttribute('data-series')) {
                seriesColumns.push({
                    index: index,
                    label: th.textContent.trim(),
                    axis: th.getAttribute('data-axis') || 'y',
                    attr: th.getAttribute('data-value-attr') || 'data-value'
                });
            }
        });
        var labels = [];
        var datasets = seriesColumns.map(function (column, i) {
            return {
                label: column.label,
                data: [],
                yAxisID: column.axis,
                spanGaps: false,
                backgroundColor: palette[i % palette.length],
                borderColor: palette[i % palette.length]
            };
        });
        table.querySelectorAll('tbody tr').forEach(function (row) {
            var cells = row.children;
            labels.push(cells[0].textContent.trim());
            seriesColumns.forEach(function (column, i) {
                var raw = cells[column.index] ? cells[column.index].getAttribute(column.attr) : null;
                datasets[i].data.push(raw === null || raw === '' ? null : Number(raw));
            });
        });
        return { labels: labels, datasets: datasets };
    }

    function axis(title, position, grid) {
        var scale = { beginAtZero: true, position: position, grid: { drawOnChartArea: grid } };
        if (title) {
            scale.title = { display: true, text: title };
        }
        return scale;
    }

    function scales(table, data, horizontal) {
        if (horizontal) {
            return { x: axis(table.getAttribute('data-chart-unit'), 'bottom', true) };
        }
        var result = { y: axis(table.getAttribute('data-chart-unit'), 'left', true) };
        if (data.datasets.some(function (d) { return d.yAxisID === 'y1'; })) {
            result.y1 = axis(table.getAttribute('data-chart-unit-y1'), 'right', false);
        }
        return result;
    }

    function draw(table) {
        var canvas = document.getElementById(table.getAttribute('data-chart-canvas'));
        if (!canvas || typeof window.Chart === 'undefined') {
            return;
        }
        var data = readTable(table);
        var horizontal = table.hasAttribute('data-chart-horizontal');
        if (horizontal) {
            data.datasets.forEach(function (d) { delete d.yAxisID; });
        }
        var chart = new window.Chart(canvas, {
            type: table.getAttribute('data-chart') || 'bar',
            data: data,
            options: {
                indexAxis: horizontal ? 'y' : 'x',
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                spanGaps: false,
                plugins: { legend: { position: 'bottom' } },
                scales: scales(table, data, horizontal)
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
