namespace Dataspace.Fhir.Search;

/// <summary>The comparison prefixes of FHIR date search values.</summary>
public enum DatePrefix
{
    /// <summary>The resource's range lies within the parameter's.</summary>
    Eq,

    /// <summary>Not <see cref="Eq"/>.</summary>
    Ne,

    /// <summary>The resource's range extends after the parameter's.</summary>
    Gt,

    /// <summary>The resource's range extends before the parameter's.</summary>
    Lt,

    /// <summary><see cref="Gt"/> or <see cref="Eq"/>.</summary>
    Ge,

    /// <summary><see cref="Lt"/> or <see cref="Eq"/>.</summary>
    Le,

    /// <summary>The resource's range starts after the parameter's ends.</summary>
    Sa,

    /// <summary>The resource's range ends before the parameter's starts.</summary>
    Eb,

    /// <summary>The ranges overlap once the parameter's is widened by 10% of its distance from now.</summary>
    Ap,
}
