using NetToolbox.Core.Runs;

namespace NetToolbox.Web.Components.Runs;

/// <summary>The runs page's filters: tool, status, who started it (substring), and a minimum duration.</summary>
internal static class RunFilter
{
    public static List<Run> Apply(IEnumerable<Run> runs, string? toolId, RunStatus? status, string? startedBy, double? minSeconds, DateTimeOffset now) =>
        runs.Where(r => string.IsNullOrEmpty(toolId) || string.Equals(r.ToolId, toolId, StringComparison.OrdinalIgnoreCase))
            .Where(r => status is null || r.Status == status)
            .Where(r => string.IsNullOrWhiteSpace(startedBy) || r.StartedBy.Contains(startedBy.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(r => minSeconds is null || ((r.EndedAt ?? now) - r.StartedAt).TotalSeconds >= minSeconds)
            .ToList();
}
