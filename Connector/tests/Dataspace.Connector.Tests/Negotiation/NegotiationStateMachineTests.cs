using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol.Outbox;
using static Dataspace.Connector.Negotiation.NegotiationMessageKind;
using static Dataspace.Connector.Negotiation.NegotiationRole;
using static Dataspace.Connector.Negotiation.NegotiationState;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>The pure transition table of DSP reference §2, without a host.</summary>
public sealed class NegotiationStateMachineTests
{
    public static TheoryData<NegotiationState?, NegotiationMessageKind, NegotiationRole, NegotiationState> Legal => new()
    {
        { null, ContractRequest, Consumer, Requested },
        { null, ContractOffer, Provider, Offered },
        { Requested, ContractOffer, Provider, Offered },
        { Requested, Agreement, Provider, Agreed },
        { Offered, ContractRequest, Consumer, Requested },
        { Offered, NegotiationMessageKind.Accepted, Consumer, NegotiationState.Accepted },
        { NegotiationState.Accepted, Agreement, Provider, Agreed },
        { Agreed, Verification, Consumer, Verified },
        { Verified, NegotiationMessageKind.Finalized, Provider, NegotiationState.Finalized },
    };

    [Theory]
    [MemberData(nameof(Legal))]
    public void Every_legal_transition_leads_where_DSP_says(NegotiationState? from, NegotiationMessageKind message, NegotiationRole sender, NegotiationState to) =>
        Assert.Equal(to, NegotiationStateMachine.Next(from, message, sender));

    [Fact]
    public void Every_other_message_sender_and_state_is_illegal()
    {
        var legal = Legal.Select(row => ((NegotiationState?)row[0], (NegotiationMessageKind)row[1]!, (NegotiationRole)row[2]!)).ToHashSet();
        NegotiationState?[] states = [null, .. Enum.GetValues<NegotiationState>().Cast<NegotiationState?>()];
        foreach (var state in states)
        foreach (var message in Enum.GetValues<NegotiationMessageKind>().Where(m => m != Termination))
        foreach (var sender in Enum.GetValues<NegotiationRole>())
        {
            if (!legal.Contains((state, message, sender)))
                Assert.True(NegotiationStateMachine.Next(state, message, sender) is null, $"{message} from {sender} in {state} must be illegal");
        }
    }

    [Fact]
    public void Either_side_may_terminate_in_every_non_terminal_state_and_nothing_leaves_a_terminal_one()
    {
        foreach (var state in Enum.GetValues<NegotiationState>())
        foreach (var sender in Enum.GetValues<NegotiationRole>())
        {
            var next = NegotiationStateMachine.Next(state, Termination, sender);
            Assert.Equal(state.IsTerminal() ? (NegotiationState?)null : Terminated, next);
            if (state.IsTerminal())
                Assert.All(Enum.GetValues<NegotiationMessageKind>(), m => Assert.Null(NegotiationStateMachine.Next(state, m, sender)));
        }
        Assert.Null(NegotiationStateMachine.Next(null, Termination, Consumer));
    }

    [Theory]
    [InlineData(Provider, Requested, NegotiationAction.Agree)]
    [InlineData(Provider, NegotiationState.Accepted, NegotiationAction.Agree)]
    [InlineData(Provider, Verified, NegotiationAction.Finalize)]
    [InlineData(Consumer, Agreed, NegotiationAction.Verify)]
    [InlineData(Consumer, Offered, null)]
    [InlineData(Provider, Offered, null)]
    [InlineData(Consumer, Requested, null)]
    public void The_automatic_responder_acts_only_where_this_side_has_the_turn(NegotiationRole role, NegotiationState state, NegotiationAction? expected)
    {
        Assert.Equal(expected, AutoResponder.Next(role, state, new NegotiationOptions()));
        Assert.Null(AutoResponder.Next(role, state, new NegotiationOptions { AutoRespond = false }));
    }

    [Fact]
    public void Offers_are_accepted_automatically_only_when_configured() =>
        Assert.Equal(NegotiationAction.Accept, AutoResponder.Next(Consumer, Offered, new NegotiationOptions { AutoAcceptOffers = true }));

    [Fact]
    public void Retries_back_off_exponentially_within_the_cap()
    {
        var settings = new OutboxOptions { RetryBase = TimeSpan.FromSeconds(1), RetryMax = TimeSpan.FromSeconds(30) };
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var wait = OutboxDispatcher.Backoff(attempt, settings);
            var nominal = Math.Min(Math.Pow(2, attempt), 30);
            Assert.InRange(wait.TotalSeconds, nominal * 0.8, nominal * 1.2);
        }
    }
}
