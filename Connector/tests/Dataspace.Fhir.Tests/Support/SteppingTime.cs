namespace Dataspace.Fhir.Tests.Support;

/// <summary>A clock that moves one second forward each time it is read, so every write gets its own lastUpdated.</summary>
public sealed class SteppingTime : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
