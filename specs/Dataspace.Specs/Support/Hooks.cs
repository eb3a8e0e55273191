using TechTalk.SpecFlow;

namespace Dataspace.Specs.Support;

[Binding]
public sealed class Hooks(Federation federation)
{
    [AfterScenario]
    public async Task StopConnectorsAsync() => await federation.DisposeAsync();
}
