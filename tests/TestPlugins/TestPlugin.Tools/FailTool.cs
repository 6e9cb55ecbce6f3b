using System.Runtime.CompilerServices;
using NetToolbox.Contracts;

namespace NetToolbox.TestPlugins.Tools;

/// <summary>
/// <c>fail</c>: fails on purpose. <c>mode</c> <c>throw</c> throws <see cref="InvalidOperationException"/> with
/// <c>message</c> after one log line; <c>result</c> yields a failed result with <c>message</c> as its summary.
/// </summary>
public sealed class FailTool : ITool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "fail",
        Name = "Fail",
        Description = "Test tool: throws or reports failure, as asked.",
        Category = "Test",
        Icon = "error",
        Parameters =
        [
            new ParameterSpec { Name = "mode", Label = "Mode", Kind = ParameterKind.Choice, Choices = ["throw", "result"], Default = "throw" },
            new ParameterSpec { Name = "message", Label = "Message", Kind = ParameterKind.Text, Default = "failed on purpose" },
        ],
    };

    /// <inheritdoc />
    public async IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var message = input.Get("message", "failed on purpose");
        yield return new LogEvent(LogEventLevel.Info, "about to fail");
        if (input.Get("mode", "throw") == "throw")
        {
            throw new InvalidOperationException(message);
        }

        yield return new ResultEvent(false, message);
    }
}
