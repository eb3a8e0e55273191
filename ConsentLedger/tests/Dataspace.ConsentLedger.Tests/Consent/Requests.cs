using Dataspace.ConsentLedger.Consent;

namespace Dataspace.ConsentLedger.Tests.Consent;

/// <summary>Parties and requests the decision tables share.</summary>
internal static class Requests
{
    public static readonly DateTimeOffset Early2016 = new(2016, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly ConsentActor CustodianF001 = ConsentActor.Of(ParticipationType.Custodian, "Organization/f001");
    public static readonly ConsentActor CustodianOther = ConsentActor.Of(ParticipationType.Custodian, "Organization/other-hospital");
    public static readonly ConsentActor RecipientF001 = ConsentActor.Of(ParticipationType.PrimaryInformationRecipient, "Organization/f001");
    public static readonly ConsentActor RecipientOther = ConsentActor.Of(ParticipationType.PrimaryInformationRecipient, "Organization/other-clinic");
    public static readonly ConsentActor NurseF204 = ConsentActor.Of(ParticipationType.PrimaryInformationRecipient, "Practitioner/f204");
    public static readonly ConsentActor Practitioner13 = ConsentActor.Of(ParticipationType.PrimaryInformationRecipient, "Practitioner/13");
    public static readonly ConsentActor CdaAuthor = ConsentActor.Of(ParticipationType.Author, "Practitioner/xcda-author");
    public static readonly ConsentActor Grantee = ConsentActor.Of(ParticipationType.PrimaryInformationRecipient, "Patient/example");

    public static AccessRequest For(string patient, string purpose = PurposeOfUse.Treatment, DateTimeOffset? at = null, params ConsentActor[] actors) => new()
    {
        Patient = patient,
        Purpose = purpose,
        At = at ?? Early2016,
        Actors = [.. actors],
    };
}
