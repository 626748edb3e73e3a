// Filters by status, verdict and kind for the register's needtables.
//
// sphinx-needs' needstable.js makes each table sortable and searchable; this adds, above every
// table that has a Status, Verdict or Type column, one select per such column. A select keeps
// the rows whose cell holds the chosen value; search, sort and paging then work on what is
// left. No network, no eval, no innerHTML.
(function () {
    "use strict";
    var COLUMNS = { status: "Status", verdict: "Verdict", type: "Kind" };

    function cellValue(group, index) {
        var cell = group.lead.cells[index];
        return cell ? cell.textContent.trim() : "";
    }

    function addFilters(table) {
        var api = window.needstable;
        if (!api || !table.tHead || !table.tHead.rows.length) {
            return;
        }
        var instance = api.init(table);
        var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
        var columns = [];
        headers.forEach(function (header, index) {
            var field = header.getAttribute("data-col");
            if (Object.prototype.hasOwnProperty.call(COLUMNS, field)) {
                columns.push({ field: field, index: index });
            }
        });
        if (!columns.length || !instance.groups) {
            return;
        }
        var all = instance.groups.slice();
        var chosen = {};
        var bar = document.createElement("div");
        bar.className = "assessments-filters";
        columns.forEach(function (column) {
            var values = [];
            all.forEach(function (group) {
                var value = cellValue(group, column.index);
                if (value && values.indexOf(value) === -1) {
                    values.push(value);
                }
            });
            if (values.length < 2) {
                return;
            }
            values.sort();
            var label = document.createElement("label");
            label.className = "assessments-filter";
            var text = document.createElement("span");
            text.textContent = COLUMNS[column.field] + " ";
            var select = document.createElement("select");
            select.setAttribute("data-col", column.field);
            var any = document.createElement("option");
            any.value = "";
            any.textContent = "all";
            select.appendChild(any);
            values.forEach(function (value) {
                var option = document.createElement("option");
                option.value = value;
                option.textContent = value;
                select.appendChild(option);
            });
            select.addEventListener("change", function () {
                chosen[column.index] = select.value;
                instance.groups = all.filter(function (group) {
                    return Object.keys(chosen).every(function (index) {
                        return !chosen[index] || cellValue(group, Number(index)) === chosen[index];
                    });
                });
                instance.page = 0;
                instance.update();
            });
            label.appendChild(text);
            label.appendChild(select);
            bar.appendChild(label);
        });
        if (bar.children.length && instance.controls) {
            instance.controls.appendChild(bar);
        }
    }

    function init() {
        Array.prototype.forEach.call(
            document.querySelectorAll("table.NEEDS_DATATABLES"),
            addFilters
        );
    }

    // needstable.js is deferred too, and may come after this script: every deferred script
    // has run by DOMContentLoaded, which a deferred script can still wait for
    if (document.readyState === "complete") {
        init();
    } else {
        document.addEventListener("DOMContentLoaded", init);
    }
})();
