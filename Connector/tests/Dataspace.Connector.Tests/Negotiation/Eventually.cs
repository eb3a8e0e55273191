namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>Waits for a condition with a bounded timeout instead of sleeping a fixed time.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until it returns a value, or fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(15);
        }
    }
}
