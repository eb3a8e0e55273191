namespace Dataspace.PolicyEngine.Tests.Opa;

/// <summary>The system clock moved forward by <see cref="Offset"/>, so a circuit's break can pass without waiting for it.</summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
