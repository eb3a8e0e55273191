namespace Dataspace.JsonLd;

/// <summary>The error code strings of the JSON-LD 1.1 API specification, plus the processing-limit codes of this processor.</summary>
public static class JsonLdErrorCode
{
    /// <summary>Spec error code.</summary>
    public const string CollidingKeywords = "colliding keywords";
    /// <summary>Spec error code.</summary>
    public const string ConflictingIndexes = "conflicting indexes";
    /// <summary>Spec error code.</summary>
    public const string ContextOverflow = "context overflow";
    /// <summary>Spec error code.</summary>
    public const string CyclicIriMapping = "cyclic IRI mapping";
    /// <summary>Spec error code.</summary>
    public const string InvalidIdValue = "invalid @id value";
    /// <summary>Spec error code.</summary>
    public const string InvalidImportValue = "invalid @import value";
    /// <summary>Spec error code.</summary>
    public const string InvalidIncludedValue = "invalid @included value";
    /// <summary>Spec error code.</summary>
    public const string InvalidIndexValue = "invalid @index value";
    /// <summary>Spec error code.</summary>
    public const string InvalidNestValue = "invalid @nest value";
    /// <summary>Spec error code.</summary>
    public const string InvalidPrefixValue = "invalid @prefix value";
    /// <summary>Spec error code.</summary>
    public const string InvalidPropagateValue = "invalid @propagate value";
    /// <summary>Spec error code.</summary>
    public const string InvalidProtectedValue = "invalid @protected value";
    /// <summary>Spec error code.</summary>
    public const string InvalidReverseValue = "invalid @reverse value";
    /// <summary>Spec error code.</summary>
    public const string InvalidVersionValue = "invalid @version value";
    /// <summary>Spec error code.</summary>
    public const string InvalidBaseDirection = "invalid base direction";
    /// <summary>Spec error code.</summary>
    public const string InvalidBaseIri = "invalid base IRI";
    /// <summary>Spec error code.</summary>
    public const string InvalidContainerMapping = "invalid container mapping";
    /// <summary>Spec error code.</summary>
    public const string InvalidContextEntry = "invalid context entry";
    /// <summary>Spec error code.</summary>
    public const string InvalidContextNullification = "invalid context nullification";
    /// <summary>Spec error code.</summary>
    public const string InvalidDefaultLanguage = "invalid default language";
    /// <summary>Spec error code.</summary>
    public const string InvalidIriMapping = "invalid IRI mapping";
    /// <summary>Spec error code.</summary>
    public const string InvalidJsonLiteral = "invalid JSON literal";
    /// <summary>Spec error code.</summary>
    public const string InvalidKeywordAlias = "invalid keyword alias";
    /// <summary>Spec error code.</summary>
    public const string InvalidLanguageMapValue = "invalid language map value";
    /// <summary>Spec error code.</summary>
    public const string InvalidLanguageMapping = "invalid language mapping";
    /// <summary>Spec error code.</summary>
    public const string InvalidLanguageTaggedString = "invalid language-tagged string";
    /// <summary>Spec error code.</summary>
    public const string InvalidLanguageTaggedValue = "invalid language-tagged value";
    /// <summary>Spec error code.</summary>
    public const string InvalidLocalContext = "invalid local context";
    /// <summary>Spec error code.</summary>
    public const string InvalidRemoteContext = "invalid remote context";
    /// <summary>Spec error code.</summary>
    public const string InvalidReverseProperty = "invalid reverse property";
    /// <summary>Spec error code.</summary>
    public const string InvalidReversePropertyMap = "invalid reverse property map";
    /// <summary>Spec error code.</summary>
    public const string InvalidReversePropertyValue = "invalid reverse property value";
    /// <summary>Spec error code.</summary>
    public const string InvalidScopedContext = "invalid scoped context";
    /// <summary>Spec error code.</summary>
    public const string InvalidSetOrListObject = "invalid set or list object";
    /// <summary>Spec error code.</summary>
    public const string InvalidTermDefinition = "invalid term definition";
    /// <summary>Spec error code.</summary>
    public const string InvalidTypeMapping = "invalid type mapping";
    /// <summary>Spec error code.</summary>
    public const string InvalidTypeValue = "invalid type value";
    /// <summary>Spec error code.</summary>
    public const string InvalidTypedValue = "invalid typed value";
    /// <summary>Spec error code.</summary>
    public const string InvalidValueObject = "invalid value object";
    /// <summary>Spec error code.</summary>
    public const string InvalidValueObjectValue = "invalid value object value";
    /// <summary>Spec error code.</summary>
    public const string InvalidVocabMapping = "invalid vocab mapping";
    /// <summary>Spec error code.</summary>
    public const string IriConfusedWithPrefix = "IRI confused with prefix";
    /// <summary>Spec error code.</summary>
    public const string KeywordRedefinition = "keyword redefinition";
    /// <summary>Spec error code.</summary>
    public const string LoadingDocumentFailed = "loading document failed";
    /// <summary>Spec error code.</summary>
    public const string LoadingRemoteContextFailed = "loading remote context failed";
    /// <summary>Spec error code.</summary>
    public const string MultipleContextLinkHeaders = "multiple context link headers";
    /// <summary>Spec error code.</summary>
    public const string ProcessingModeConflict = "processing mode conflict";
    /// <summary>Spec error code.</summary>
    public const string ProtectedTermRedefinition = "protected term redefinition";
    /// <summary>JSON-LD 1.0 error code, raised by this processor for any cyclic remote context inclusion.</summary>
    public const string RecursiveContextInclusion = "recursive context inclusion";
    /// <summary>Raised when a document nests deeper than <see cref="JsonLdLimits.MaxJsonDepth"/> (not a spec code; remote context chains use "context overflow", oversized loaded documents the loading codes).</summary>
    public const string ProcessingLimitExceeded = "processing limit exceeded";
}
