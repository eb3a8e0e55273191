namespace Dataspace.ConsentLedger.Consent;

/// <summary>HL7 v3 PurposeOfUse codes (in the ActReason system) and the specialisations the decision honours.</summary>
public static class PurposeOfUse
{
    /// <summary>Treatment.</summary>
    public const string Treatment = "TREAT";

    /// <summary>Emergency treatment; a specialisation of <see cref="Treatment"/>.</summary>
    public const string EmergencyTreatment = "ETREAT";

    /// <summary>Break the glass; a specialisation of <see cref="EmergencyTreatment"/>.</summary>
    public const string BreakTheGlass = "BTG";

    /// <summary>Healthcare payment.</summary>
    public const string Payment = "HPAYMT";

    /// <summary>Healthcare operations.</summary>
    public const string Operations = "HOPERAT";

    /// <summary>Healthcare research.</summary>
    public const string Research = "HRESCH";

    /// <summary>Clinical trial research; a specialisation of <see cref="Research"/>.</summary>
    public const string ClinicalTrialResearch = "CLINTRCH";

    /// <summary>Public health.</summary>
    public const string PublicHealth = "PUBHLTH";

    /// <summary>Patient requested.</summary>
    public const string PatientRequested = "PATRQT";

    // Only the is-a links a privacy decision relies on; a code absent here matches itself alone.
    private static readonly Dictionary<string, string> Parents = new(StringComparer.Ordinal)
    {
        [EmergencyTreatment] = Treatment,
        [BreakTheGlass] = EmergencyTreatment,
        ["ERTREAT"] = EmergencyTreatment,
        [ClinicalTrialResearch] = Research,
    };

    /// <summary>True when <paramref name="purpose"/> equals <paramref name="ancestor"/> or specialises it (ETREAT is a TREAT).</summary>
    public static bool IsA(string purpose, string ancestor)
    {
        for (string? code = purpose; code is not null; code = Parents.GetValueOrDefault(code))
        {
            if (string.Equals(code, ancestor, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for the purposes that may break the glass: emergency treatment and its specialisations.</summary>
    public static bool IsEmergency(string purpose) => IsA(purpose, EmergencyTreatment);
}
