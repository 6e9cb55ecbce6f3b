using System.Text;

namespace NetToolbox.Cli.Output;

/// <summary>A table as aligned plain text (two spaces between columns, no borders), readable in a log and easy to cut.</summary>
internal static class PlainTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> columns, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(columns, widths));
        foreach (var row in all)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }

        return line.ToString().TrimEnd();
    }
}
