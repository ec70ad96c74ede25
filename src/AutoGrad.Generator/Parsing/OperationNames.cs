using System.Text;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

internal static class OperationNames
{
    public static BinaryOperator? Binary(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => BinaryOperator.Add,
        BinaryOperatorKind.Subtract => BinaryOperator.Subtract,
        BinaryOperatorKind.Multiply => BinaryOperator.Multiply,
        BinaryOperatorKind.Divide => BinaryOperator.Divide,
        BinaryOperatorKind.Remainder => BinaryOperator.Remainder,
        BinaryOperatorKind.Equals => BinaryOperator.Equal,
        BinaryOperatorKind.NotEquals => BinaryOperator.NotEqual,
        BinaryOperatorKind.LessThan => BinaryOperator.Less,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperator.LessOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperator.Greater,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperator.GreaterOrEqual,
        BinaryOperatorKind.ConditionalAnd => BinaryOperator.ConditionalAnd,
        BinaryOperatorKind.ConditionalOr => BinaryOperator.ConditionalOr,
        BinaryOperatorKind.And => BinaryOperator.And,
        BinaryOperatorKind.Or => BinaryOperator.Or,
        BinaryOperatorKind.ExclusiveOr => BinaryOperator.ExclusiveOr,
        _ => null,
    };

    public static BinaryOperator? Arithmetic(BinaryOperatorKind kind) => Binary(kind) switch
    {
        BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Remainder => Binary(kind),
        _ => null,
    };

    /// <summary>An operation kind in words for a diagnostic: <c>ObjectCreation</c> becomes "object creation".</summary>
    public static string Describe(OperationKind kind)
    {
        var name = kind.ToString();
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
                text.Append(' ');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    /// <summary>
    /// An expression AutoGrad does not differentiate, in the user's words, with what to write instead:
    /// the operation's kind where that reads well, the construct the user wrote where it does not
    /// (Roslyn's "none", "implicit indexer reference").
    /// </summary>
    public static (string What, string Instead) DescribeUnsupported(IOperation operation)
    {
        const string general = "use arithmetic, Math functions, conditionals and calls";
        return operation switch
        {
            IIncrementOrDecrementOperation => ((operation.Kind == OperationKind.Increment ? "increment" : "decrement") + " inside an expression (its value is used: a side effect in a condition or an argument)",
                "write the increment or decrement as a statement of its own (k--; then test k)"),
            IImplicitIndexerReferenceOperation => ("index from the end (x[^1]) of a span",
                "write x[x.Length - 1]"),
            _ when operation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.StackAllocArrayCreationExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitStackAllocArrayCreationExpressionSyntax
                => ("stackalloc buffer with an initializer, or outside a local's declaration", "declare a Span<T> local allocated with a length only, Span<T> t = stackalloc T[n];, and write its elements"),
            _ when operation.Kind == OperationKind.None => ($"'{Shorten(operation.Syntax.ToString())}'", general),
            _ => (Describe(operation.Kind), general),
        };
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";

    public static string WithArticle(string construct)
        => ("aeiou".IndexOf(char.ToLowerInvariant(construct[0])) >= 0 ? "An " : "A ") + construct;
}
