using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.Cli.Output;

/// <summary>
/// The rows of one run's tables as a viewer sees them: a row with a key replaces the earlier row with that key
/// (in place), rows without a key are appended. Columns are the union of every row's columns, in first-seen order.
/// </summary>
internal sealed class TableState
{
    private readonly List<Table> _tables = [];

    public IReadOnlyList<Table> Tables => _tables;

    public bool IsEmpty => _tables.Count == 0;

    public void Add(RowEvent row)
    {
        var table = _tables.Find(t => t.Name == row.Table);
        if (table is null)
        {
            table = new Table(row.Table);
            _tables.Add(table);
        }

        table.Add(row);
    }

    /// <summary>One table: its name (null for the default one), columns and current rows.</summary>
    internal sealed class Table(string? name)
    {
        private readonly List<string> _columns = [];
        private readonly List<Dictionary<string, string>> _rows = [];
        private readonly Dictionary<string, int> _rowByKey = new(StringComparer.Ordinal);

        public string? Name { get; } = name;

        public IReadOnlyList<string> Columns => _columns;

        public int RowCount => _rows.Count;

        /// <summary>The cells of each row in column order (missing cells empty).</summary>
        public IEnumerable<string[]> Rows(int skip = 0) =>
            _rows.Skip(skip).Select(cells => _columns.Select(c => cells.GetValueOrDefault(c, string.Empty)).ToArray());

        public void Add(RowEvent row)
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < row.Columns.Count; i++)
            {
                var column = row.Columns[i];
                if (!_columns.Contains(column))
                {
                    _columns.Add(column);
                }

                cells[column] = CellText.Format(i < row.Values.Count ? row.Values[i] : (JsonNode?)null);
            }

            if (row.Key is { } key && _rowByKey.TryGetValue(key, out var index))
            {
                _rows[index] = cells;
                return;
            }

            if (row.Key is not null)
            {
                _rowByKey[row.Key] = _rows.Count;
            }

            _rows.Add(cells);
        }
    }
}
