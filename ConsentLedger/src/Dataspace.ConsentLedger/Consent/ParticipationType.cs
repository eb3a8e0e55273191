namespace Dataspace.ConsentLedger.Consent;

/// <summary>HL7 v3 ParticipationType roles a Consent actor commonly carries.</summary>
public static class ParticipationType
{
    /// <summary>IRCP: information recipient, such as the consumer organisation of a transfer.</summary>
    public static CodeKey InformationRecipient { get; } = new(CodeSystems.ParticipationType, "IRCP");

    /// <summary>PRCP: primary information recipient, the person or organisation the data is disclosed to.</summary>
    public static CodeKey PrimaryInformationRecipient { get; } = new(CodeSystems.ParticipationType, "PRCP");

    /// <summary>CST: custodian, the organisation holding the data (the providing connector's organisation).</summary>
    public static CodeKey Custodian { get; } = new(CodeSystems.ParticipationType, "CST");

    /// <summary>AUT: author of the data.</summary>
    public static CodeKey Author { get; } = new(CodeSystems.ParticipationType, "AUT");
}
