namespace Dataspace.Connector.Cli;

/// <summary>A policy or request file that cannot be read or parsed; <c>dataspace policy</c> prints the problems and exits with 2.</summary>
public sealed class PolicyInputException : Exception
{
    /// <summary>Creates the error from one or more problem lines.</summary>
    public PolicyInputException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the error from one problem line.</summary>
    public PolicyInputException(string problem)
        : this([problem])
    {
    }

    /// <summary>Creates the error from one problem line and its cause.</summary>
    public PolicyInputException(string problem, Exception innerException)
        : base(problem, innerException)
    {
        Problems = [problem];
    }

    /// <summary>One line per problem, without a trailing period.</summary>
    public IReadOnlyList<string> Problems { get; }
}
