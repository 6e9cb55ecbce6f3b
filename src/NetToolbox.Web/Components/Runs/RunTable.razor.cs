using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;

namespace NetToolbox.Web.Components.Runs;

/// <summary>A run's table in a MudDataGrid. Keyed rows are replaced in place by the model, so the grid updates in place.</summary>
public sealed partial class RunTable
{

    private string? _filter;
    private int _addressIndex = -1;

    /// <summary>The table's name ("" for the unnamed table).</summary>
    [Parameter, EditorRequired] public string Name { get; set; } = "";

    /// <summary>The rows.</summary>
    [Parameter, EditorRequired] public TableModel Table { get; set; } = default!;

    /// <summary>The run, for the CSV link.</summary>
    [Parameter, EditorRequired] public string RunId { get; set; } = "";

    private string Title => Name.Length > 0 ? Name : "Rows";

    private Dictionary<string, object> DownloadAttributes => new()
    {
        ["download"] = "", ["aria-label"] = $"Download {Title} as CSV", ["data-testid"] = "table-csv",
    };

    private Dictionary<string, object> FilterAttributes => new() { ["aria-label"] = $"Filter {Title}", ["data-testid"] = "table-filter" };

    private Dictionary<string, object> ActionAttributes(RowActions.Action action, TableRow row)
    {
        var label = $"{action.Label} {RowText(row, _addressIndex)}";
        return new() { ["aria-label"] = label, ["title"] = label, ["data-action"] = action.ToolId };
    }

    private string CsvHref => $"api/runs/{Uri.EscapeDataString(RunId)}/rows.csv?table={Uri.EscapeDataString(Name)}";

    protected override void OnParametersSet() => _addressIndex = RowActions.AddressIndex(Table.Columns);

    private bool Matches(TableRow row)
    {
        if (string.IsNullOrWhiteSpace(_filter))
        {
            return true;
        }

        for (var i = 0; i < row.Count; i++)
        {
            if (RowText(row, i).Contains(_filter, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A cell as text: strings as they are, numbers and other values as JSON.</summary>
    internal static string RowText(IReadOnlyList<JsonNode?> row, int index) => index < row.Count ? CellText(row[index]) : "";

    internal static string CellText(JsonNode? cell) => cell switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => cell.ToJsonString(),
    };

    // Numbers sort as numbers (ahead of text), everything else as text; empty cells last.
    private static IComparable SortKey(TableRow row, int index)
    {
        var cell = index < row.Count ? row[index] : null;
        if (cell is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number))
        {
            return (0, number, "");
        }

        return cell is null ? (2, 0d, "") : (1, 0d, CellText(cell));
    }
}
