using System.Text;

namespace NetToolbox.Web.Api;

/// <summary>RFC 4180 lines: fields with a comma, quote or line break are quoted, quotes doubled.</summary>
internal static class Csv
{
    public static void Line(StringBuilder output, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                output.Append(',');
            }

            var field = fields[i] ?? "";
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                output.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                output.Append(field);
            }
        }

        output.Append('\n');
    }
}
