using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dataspace.Connector.Tests.Support;

/// <summary>Keeps every log line a connector writes at <paramref name="minimum"/> or above, formatted, for assertions on what the operator sees.</summary>
public sealed class CapturingLoggerProvider(LogLevel minimum = LogLevel.Warning) : ILoggerProvider, ILogger
{
    /// <summary>The lines so far.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
            Lines.Enqueue(formatter(state, exception));
    }

    public void Dispose()
    {
    }
}
