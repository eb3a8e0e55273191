using Spectre.Console;

namespace Dataspace.Connector.Cli;

/// <summary>A Spectre console over the current <see cref="Console.Out"/>, created per command so a redirected Console.Out is honoured.</summary>
public static class PolicyConsole
{
    private const int RedirectedWidth = 200;

    /// <summary>Creates the console: ANSI colours only on a terminal, so redirected output is plain text.</summary>
    public static IAnsiConsole Create()
    {
        var output = new AnsiConsoleOutput(Console.Out);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = output.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!output.IsTerminal)
        {
            // Redirected output has no width; wrapping at Spectre's default 80 columns would split IRIs across lines.
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
