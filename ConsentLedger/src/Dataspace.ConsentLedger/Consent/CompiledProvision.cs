using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>
/// One Consent provision, reduced to plain values. The request criteria (period, actor, action, purpose) decide whether it
/// applies; the data criteria (<see cref="Scope"/>) decide which data it covers.
/// </summary>
public sealed record CompiledProvision
{
    /// <summary>The effect inside the scope: the stated type, else the root's base decision, else the opposite of the parent.</summary>
    public required ConsentEffect Effect { get; init; }

    /// <summary>Where the provision sits, as a FHIRPath-like location (<c>Consent.provision.provision[1]</c>).</summary>
    public required string Path { get; init; }

    /// <summary>When the provision is in force (time of access); null places no limit.</summary>
    public TimeRange? Period { get; init; }

    /// <summary>Parties the provision is about; any one matching a request actor (role and reference) suffices.</summary>
    public ImmutableArray<ConsentActor> Actors { get; init; } = [];

    /// <summary>Actions (consentaction codes, with their system) the provision is about.</summary>
    public ImmutableArray<CodeKey> Actions { get; init; } = [];

    /// <summary>Purposes the provision is about; a requested purpose matches a listed one or any specialisation of it.</summary>
    public ImmutableArray<CodeKey> Purposes { get; init; } = [];

    /// <summary>The data the provision covers.</summary>
    public DataScope Scope { get; init; } = DataScope.All;

    /// <summary>Nested provisions: exceptions that apply inside this one's scope.</summary>
    public ImmutableArray<CompiledProvision> Provisions { get; init; } = [];

    /// <summary>
    /// True when the request meets every request criterion. Lists are any-of (IHE PCF reads purposes that way although the
    /// R4 binding note says "all"; see reference/health.md §1.1).
    /// </summary>
    public bool AppliesTo(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (Period is not { } period || period.Contains(request.At))
            && (Actors.IsEmpty || MatchesActor(request))
            && (Actions.IsEmpty || Actions.Contains(new CodeKey(CodeSystems.ConsentAction, request.Action)))
            && (Purposes.IsEmpty || MatchesPurpose(request.Purpose));
    }

    private bool MatchesActor(AccessRequest request)
    {
        foreach (var actor in Actors)
        {
            foreach (var party in request.Actors)
            {
                if (actor.Role == party.Role && actor.Reference == party.Reference)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool MatchesPurpose(string requested)
    {
        foreach (var purpose in Purposes)
        {
            if (purpose.System == CodeSystems.ActReason && PurposeOfUse.IsA(requested, purpose.Code))
            {
                return true;
            }
        }

        return false;
    }
}
