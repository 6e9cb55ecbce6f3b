using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetToolbox.Cli.Output;

/// <summary>How a table cell (a JSON value) reads in a terminal: text as is, numbers invariant, null empty.</summary>
internal static class CellText
{
    public static string Format(JsonNode? value)
    {
        if (value is JsonValue scalar)
        {
            switch (scalar.GetValueKind())
            {
                case JsonValueKind.String:
                    return scalar.GetValue<string>();
                case JsonValueKind.True:
                    return "yes";
                case JsonValueKind.False:
                    return "no";
                case JsonValueKind.Null:
                    return string.Empty;
                default:
                    break;
            }
        }

        return value is null ? string.Empty : value.ToJsonString();
    }

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
