using System.Collections.Generic;
using System.Linq;

namespace AutoGrad.Generator.IR;

/// <summary>
/// Checks what every pass may assume of the IR it is given, so that a pass that breaks it fails
/// at once, by name, rather than as a wrong number or uncompilable code later:
/// <list type="bullet">
/// <item>definitions before uses: every variable read is a parameter, or is written (or declared) earlier in the method's order;</item>
/// <item>one variable, one meaning: all references to an ID agree on name, type and role;</item>
/// <item>types: assignments, element writes and returns store values of their target's type, conditions are bool,
/// indexes are integers, arithmetic operands agree with their result;</item>
/// <item>loops: a loop's carried variables are set before it and assigned in its body, and its condition reads only what is defined before it;</item>
/// <item>counted loops: the counter is defined by the node, read only in its body, never assigned there nor carried; the range reads nothing
/// the body assigns; the step is a non-zero constant whose sign agrees with the comparison.</item>
/// <item>scratch buffers (a <see cref="RentBuffer"/> that is <see cref="RentBuffer.Zeroed"/>) are allocated outside loops;</item>
/// <item>dependences: a counted loop marked <see cref="CountedLoop.Independent"/> — the fact loop fusion and the vectorizer
/// rely on — has iterations that <see cref="LoopDependences"/> proves may run in any order.</item>
/// </list>
/// </summary>
public static class IrVerifier
{
    /// <summary>Throws <see cref="IrVerificationException"/> naming <paramref name="after"/> (the pass just run) if the method breaks a rule.</summary>
    public static void Check(IrMethod method, string after)
    {
        var problems = Problems(method);
        if (problems.Count > 0)
            throw new IrVerificationException(after, problems, IrPrinter.Print(method));
    }

    /// <summary>Every broken rule, in the method's order (empty when the method is well formed).</summary>
    /// <param name="fields">Variables defined outside the method that it reads by name (a GEMM epilogue's fields).</param>
    public static IReadOnlyList<string> Problems(IrMethod method, IEnumerable<IrVariable>? fields = null)
    {
        var verifier = new Verifier(method.ReturnType, ReadCounts.Of(method));
        verifier.Define(method.Parameters.Select(parameter => parameter.Variable).Concat(fields ?? []));
        verifier.Block(method.Body);
        return verifier.Problems;
    }

    private sealed class Verifier(IrType returnType, ReadCounts reads)
    {
        private readonly HashSet<IrVariable> defined = [];
        private readonly Dictionary<int, IrVariable> byId = [];
        private int loopDepth;
        public List<string> Problems { get; } = [];

        public void Define(IEnumerable<IrVariable> variables)
        {
            foreach (var variable in variables)
            {
                Known(variable);
                defined.Add(variable);
            }
        }

        private void Known(IrVariable variable)
        {
            if (!byId.TryGetValue(variable.Id, out var seen))
                byId[variable.Id] = variable;
            else if (!seen.Equals(variable))
                Problems.Add($"#{variable.Id} is both {seen} ({seen.Type}, {seen.Role}) and {variable} ({variable.Type}, {variable.Role})");
        }

        private void Use(IrVariable variable, IrStatement where)
        {
            Known(variable);
            if (!defined.Contains(variable))
                Problems.Add($"{variable} is read before it is defined, in: {IrPrinter.Print(where).TrimEnd()}");
        }

        public void Block(IrBlock block)
        {
            foreach (var statement in block.Statements)
                Statement(statement);
        }

        private void Statement(IrStatement statement)
        {
            // A statement reads its operands before it writes its targets (x = f(x) needs x already).
            if (statement is AddAssign accumulation)
                Use(accumulation.Target, statement);
            foreach (var expression in statement.Expressions())
            {
                foreach (var variable in expression.ReadVariables())
                    Use(variable, statement);
                Expression(expression, statement);
            }
            foreach (var variable in statement.DirectReads().Concat(statement.WritesThrough()))
                Use(variable, statement);
            Types(statement);

            switch (statement)
            {
                case Declare declare:
                    Define([declare.Variable]);
                    break;
                // Changes nothing, and C# warns of it (CS1717): a pass that makes one removes it.
                case Assign { Value: VariableRef { Variable: var source } } assign when source.Equals(assign.Target):
                    Problems.Add($"{assign.Target} is assigned to itself");
                    break;
                case Loop loop:
                    foreach (var carried in loop.Carried.Where(variable => !defined.Contains(variable)))
                        Problems.Add($"{carried} is carried by a loop but not set before it");
                    var assigned = new HashSet<IrVariable>(loop.Body.Flatten().SelectMany(nested => nested.OwnWrites()));
                    foreach (var carried in loop.Carried.Where(variable => !assigned.Contains(variable)))
                        Problems.Add($"{carried} is carried by a loop that never assigns it");
                    break;
                case CountedLoop counted:
                    CountedLoopRules(counted);
                    break;
                case MatMulInto { Epilogue: { } epilogue }:
                    foreach (var problem in IrVerifier.Problems(epilogue.Apply, [.. epilogue.Fields, epilogue.Columns]))
                        Problems.Add($"in epilogue {epilogue.Name}: {problem}");
                    break;
            }
            if (statement is RentBuffer { Zeroed: true } scratch && loopDepth > 0)
                Problems.Add($"the scratch buffer {scratch.Buffer} is allocated inside a loop, where one buffer would stand for one iteration's");
            Define(statement.OwnWrites());
            var isLoop = statement is Loop or CountedLoop;
            loopDepth += isLoop ? 1 : 0;
            foreach (var block in statement.Blocks())
                Block(block);
            loopDepth -= isLoop ? 1 : 0;
            // A counted loop's counter is scoped to it: nothing after the loop reads it.
            if (statement is CountedLoop scoped)
                defined.Remove(scoped.Counter);
        }

        /// <summary>What a counted loop promises (<see cref="CountedLoop"/>): a fixed range, a counter only the node steps.</summary>
        private void CountedLoopRules(CountedLoop loop)
        {
            if (!loop.IsWellFormed)
                Problems.Add($"the counted loop over {loop.Counter} has a range of {loop.Start.Type} .. {loop.End.Type} stepped by {loop.Step}");
            if (defined.Contains(loop.Counter))
                Problems.Add($"{loop.Counter} counts a loop but is defined before it");
            if (loop.Carried.Contains(loop.Counter))
                Problems.Add($"{loop.Counter} counts a loop and is carried by it");
            foreach (var carried in loop.Carried.Where(variable => !defined.Contains(variable)))
                Problems.Add($"{carried} is carried by a loop but not set before it");
            var writes = loop.Body.Flatten().SelectMany(nested => nested.OwnWrites()).ToList();
            if (writes.Contains(loop.Counter))
                Problems.Add($"{loop.Counter} counts a loop but its body assigns it");
            var assigned = new HashSet<IrVariable>(writes);
            foreach (var carried in loop.Carried.Where(variable => !assigned.Contains(variable)))
                Problems.Add($"{carried} is carried by a loop that never assigns it");
            var rebound = new HashSet<IrVariable>(loop.Rebound());
            foreach (var variable in loop.Start.ReadVariables().Concat(loop.End.ReadVariables()).Where(rebound.Contains).Distinct())
                Problems.Add($"the range of the counted loop over {loop.Counter} reads {variable}, which its body assigns");
            if (loop.Start.ReadVariables().Concat(loop.End.ReadVariables()).Contains(loop.Counter))
                Problems.Add($"the range of the counted loop over {loop.Counter} reads its own counter");
            if (loop.Independent && loop.IsWellFormed)
                IndependenceRule(loop);
        }

        private void IndependenceRule(CountedLoop loop)
        {
            var dependences = LoopDependences.Of(loop, reads.ReadOutside(loop));
            if (dependences.MayReorder)
                return;
            string Names(IReadOnlyList<IrVariable> variables) => string.Join(", ", variables.Select(variable => variable.ToString()));
            var reasons = new List<string>();
            if (dependences.Carried.Count > 0)
                reasons.Add("it carries " + Names(dependences.Carried) + " from one iteration to the next");
            if (dependences.LastValues.Count > 0)
                reasons.Add("the code after it reads the last iteration's " + Names(dependences.LastValues));
            if (dependences.Memory.Count > 0)
                reasons.Add("its iterations share elements of " + Names(dependences.Memory));
            Problems.Add($"the counted loop over {loop.Counter} is marked independent, but {string.Join("; ", reasons)}");
        }

        private void Types(IrStatement statement)
        {
            switch (statement)
            {
                case Assign assign when !Stores(assign.Target.Type, assign.Value.Type):
                    Problems.Add($"{assign.Target} of type {assign.Target.Type} is assigned a {assign.Value.Type}");
                    break;
                // A scalar added into a matrix goes to every element (the adjoint of a reduction).
                case AddAssign add when !Stores(add.Target.Type, add.Value.Type) && !(add.Target.Type.IsMatrix() && add.Value.Type == add.Target.Type.ElementType()):
                    Problems.Add($"{add.Target} of type {add.Target.Type} is added a {add.Value.Type}");
                    break;
                case If conditional when conditional.Condition.Type != IrType.Bool:
                    Problems.Add($"an if's condition is a {conditional.Condition.Type}");
                    break;
                case Loop loop when loop.Condition.Type != IrType.Bool:
                    Problems.Add($"a loop's condition is a {loop.Condition.Type}");
                    break;
                case Require require when require.Failure.Type != IrType.Bool:
                    Problems.Add($"a check's condition is a {require.Failure.Type}");
                    break;
                case Return ret when returnType != IrType.Void && !Stores(returnType, ret.Value.Type):
                    Problems.Add($"a method returning {returnType} returns a {ret.Value.Type}");
                    break;
                case ElementAssign element:
                    Index(element.Index, element.Span);
                    if (!HasElements(element.Span.Type) || !Stores(element.Span.Type.ElementType(), element.Value.Type))
                        Problems.Add($"{element.Span} of type {element.Span.Type} has an element assigned a {element.Value.Type}");
                    break;
                case Store store:
                    Index(store.Index, store.Buffer);
                    if (!store.Buffer.Type.IsArray() || !Stores(store.Buffer.Type.ElementType(), store.Value.Type))
                        Problems.Add($"{store.Buffer} of type {store.Buffer.Type} stores a {store.Value.Type}");
                    break;
            }
        }

        private void Expression(IrExpression expression, IrStatement where)
        {
            switch (expression)
            {
                case Binary binary when IsArithmetic(binary.Operator) && !binary.Type.IsMatrix()
                                        && (binary.Left.Type != binary.Type || binary.Right.Type != binary.Type):
                    Problems.Add($"{binary.Operator} of {binary.Left.Type} and {binary.Right.Type} gives a {binary.Type}, in: {IrPrinter.Print(where).TrimEnd()}");
                    break;
                case Binary binary when IsComparison(binary.Operator) && (binary.Type != IrType.Bool || binary.Left.Type != binary.Right.Type):
                    Problems.Add($"{binary.Operator} of {binary.Left.Type} and {binary.Right.Type} gives a {binary.Type}, in: {IrPrinter.Print(where).TrimEnd()}");
                    break;
                case Conditional conditional when conditional.Condition.Type != IrType.Bool
                                                  || conditional.WhenTrue.Type != conditional.Type || conditional.WhenFalse.Type != conditional.Type:
                    Problems.Add($"a conditional of {conditional.WhenTrue.Type} and {conditional.WhenFalse.Type} on a {conditional.Condition.Type} gives a {conditional.Type}, in: {IrPrinter.Print(where).TrimEnd()}");
                    break;
                case ElementRead read:
                    Index(read.Index, read.Collection);
                    break;
            }
            foreach (var child in expression.Children())
                Expression(child, where);
        }

        private void Index(IrExpression index, IrVariable collection)
        {
            if (!index.Type.IsInteger())
                Problems.Add($"{collection} is indexed by a {index.Type}");
        }

        private static bool HasElements(IrType type) => type.IsSpan() || type.IsArray() || type.IsMatrix();

        /// <summary>Whether a variable of type <paramref name="target"/> holds a value of type <paramref name="value"/>: the same type, or a span read only.</summary>
        private static bool Stores(IrType target, IrType value)
            => target == value
               || (target.IsSpan() && value.IsSpan() && !target.IsWritableSpan() && target.ElementType() == value.ElementType());

        private static bool IsArithmetic(BinaryOperator op)
            => op is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Remainder;

        private static bool IsComparison(BinaryOperator op)
            => op is BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual;
    }
}

/// <summary>A pass left the IR broken: the message names the pass, what is wrong, and the method as it came out.</summary>
public sealed class IrVerificationException(string pass, IReadOnlyList<string> problems, string method)
    : System.Exception($"The IR after {pass} is broken: {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $" (and {problems.Count - 5} more)" : "")}\n{method}")
{
    public string Pass { get; } = pass;

    public IReadOnlyList<string> ProblemList { get; } = problems;
}
