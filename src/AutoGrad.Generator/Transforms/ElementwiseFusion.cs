using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Fuses each run of consecutive elementwise matrix statements into one loop over the elements,
/// which the <see cref="Vectorizer"/> then gives its Vector256 path: <c>t = C·A + 1; u = t − D·B;
/// h = exp(u)</c> becomes one pass that keeps <c>t</c> and <c>u</c> in registers and writes only
/// <c>h</c>, the one the rest of the method reads. Adjoint accumulations (<c>gBar += …</c>) and
/// zero starts join the run too.
/// <para>
/// Shapes are known only at run time and the operations broadcast, so the fused loop runs when
/// every matrix it touches has one shape (one check per matrix, before it), and the statements as
/// they were run otherwise. Only operations the Vectorizer can vectorize are fused, so a fused
/// loop is never slower than the kernels it replaces.
/// </para>
/// </summary>
internal sealed class ElementwiseFusion
{
    private readonly VariableFactory variables;
    /// <summary>A value written to one of these (an out parameter) is read by the caller.</summary>
    private readonly HashSet<IrVariable> parameters;

    private ElementwiseFusion(IrMethod method)
    {
        variables = new VariableFactory(method.NextVariableId);
        parameters = new HashSet<IrVariable>(method.Parameters.Select(parameter => parameter.Variable));
    }

    public static IrMethod Apply(IrMethod method)
    {
        var fusion = new ElementwiseFusion(method);
        var body = fusion.Visit(method.Body);
        return method with { Body = body, NextVariableId = fusion.variables.NextId };
    }

    private IrBlock Visit(IrBlock block)
    {
        var statements = block.Statements;
        var output = new List<IrStatement>();
        for (var i = 0; i < statements.Count; i++)
        {
            var end = i;
            while (end < statements.Count && IsFusible(statements[end]))
                end++;
            if (end - i >= 2)
            {
                var after = statements.Skip(end).ToList();
                foreach (var group in ByShape(statements.Skip(i).Take(end - i).ToList()))
                    output.AddRange(group.Count >= 2 ? Fuse(group, after) : group);
                i = end - 1;
                continue;
            }
            output.Add(statements[i]);
        }
        return IrBlock.From(output);
    }

    /// <summary>
    /// Splits a run into the groups that must share a shape: a statement joins its operands' and
    /// its target's group. Groups share no matrix, so each can run as a loop of its own, in order.
    /// </summary>
    private static List<List<IrStatement>> ByShape(List<IrStatement> run)
    {
        var parent = new Dictionary<IrVariable, IrVariable>();
        IrVariable Find(IrVariable matrix)
        {
            if (!parent.TryGetValue(matrix, out var up))
                return parent[matrix] = matrix;
            return up.Equals(matrix) ? matrix : parent[matrix] = Find(up);
        }
        IEnumerable<IrVariable> Matrices(IrStatement statement)
            => statement.Writes().Concat(statement.Reads()).Where(variable => variable.Type.IsMatrix());
        foreach (var statement in run)
        {
            var first = Matrices(statement).First();
            foreach (var other in Matrices(statement))
                parent[Find(other)] = Find(first);
        }
        return run.GroupBy(statement => Find(Matrices(statement).First())).Select(group => group.ToList()).ToList();
    }

    private static bool IsFusible(IrStatement statement) => statement switch
    {
        Assign { Target.Type: var type, Value: MatrixCall call } when type.IsMatrix() => IsFusible(call),
        AddAssign { Target.Type: var type, Value: VariableRef { Type: var valueType } } when type.IsMatrix() && valueType.IsMatrix() => true,
        _ => false,
    };

    private static bool IsFusible(MatrixCall call)
        => call.Function is MatrixFunction.Add or MatrixFunction.Subtract or MatrixFunction.Multiply or MatrixFunction.Divide
               or MatrixFunction.Negate or MatrixFunction.Exp or MatrixFunction.Log or MatrixFunction.Sqrt or MatrixFunction.Sin
               or MatrixFunction.Cos or MatrixFunction.Square or MatrixFunction.ZerosLike
           // A scalar operand may be any scalar expression (the same for every element): 2·resultBar.
           && call.Arguments.All(argument => argument is VariableRef or Constant || !argument.Type.IsMatrix() && !argument.Contains(node => node.Type.IsMatrix()));

    /// <summary><c>if (every matrix has one shape) { fused loop } else { the statements as they were }</c>; just the loop when one matrix comes from outside.</summary>
    private IEnumerable<IrStatement> Fuse(List<IrStatement> group, List<IrStatement> after)
    {
        var defined = new HashSet<IrVariable>(group.OfType<Assign>().Select(assign => assign.Target));
        var outside = new List<IrVariable>();
        void Outside(IrVariable matrix)
        {
            if (!defined.Contains(matrix) && !outside.Contains(matrix))
                outside.Add(matrix);
        }
        foreach (var statement in group)
        {
            foreach (var read in statement.Expressions().SelectMany(expression => expression.ReadVariables()).Where(variable => variable.Type.IsMatrix()))
                Outside(read);
            if (statement is AddAssign accumulation)
                Outside(accumulation.Target);
        }
        var laterReads = new HashSet<IrVariable>(after.SelectMany(statement => statement.Reads()));
        var liveOut = group.OfType<Assign>().Select(assign => assign.Target).Where(target => laterReads.Contains(target) || parameters.Contains(target)).Distinct().ToList();

        var shape = outside.First();
        var element = shape.Type.ElementType();
        IrExpression guard = Constant.Bool(true);
        foreach (var other in outside.Skip(1))
            guard = And(guard, new MatrixCall(MatrixFunction.SameShape, EquatableArray.Create<IrExpression>(new VariableRef(shape), new VariableRef(other)), IrType.Bool));

        var fused = new List<IrStatement>();
        foreach (var matrix in liveOut)
            fused.Add(new Assign(matrix, new MatrixCall(MatrixFunction.Uninitialized, EquatableArray.Create<IrExpression>(new VariableRef(shape)), matrix.Type)));
        var spans = new Dictionary<IrVariable, IrVariable>();
        foreach (var matrix in outside.Concat(liveOut))
        {
            var span = variables.Create(matrix.Name + "Elements", element.SpanOf(), VariableRole.Temporary);
            spans[matrix] = span;
            fused.Add(new Assign(span, new MatrixCall(MatrixFunction.Elements, EquatableArray.Create<IrExpression>(new VariableRef(matrix)), span.Type)));
        }

        var index = variables.Create("i", IrType.Int, VariableRole.Temporary);
        var current = new Dictionary<IrVariable, IrVariable>();
        IrExpression Element(IrExpression operand) => operand switch
        {
            VariableRef { Variable: var matrix } when matrix.Type.IsMatrix() && current.TryGetValue(matrix, out var scalar) => new VariableRef(scalar),
            VariableRef { Variable: var matrix } when matrix.Type.IsMatrix() => new ElementRead(spans[matrix], new VariableRef(index)),
            _ => operand,
        };
        var body = new List<IrStatement>();
        IrVariable Define(IrVariable matrix, IrExpression value)
        {
            var scalar = variables.Create(matrix.Name, element, matrix.Role == VariableRole.Parameter ? VariableRole.Local : matrix.Role);
            body.Add(new Assign(scalar, value));
            current[matrix] = scalar;
            return scalar;
        }
        foreach (var statement in group)
        {
            switch (statement)
            {
                case Assign { Value: MatrixCall call } assign:
                    Define(assign.Target, ScalarOf(call, Element, element));
                    break;
                case AddAssign { Value: var value } accumulation when current.TryGetValue(accumulation.Target, out var running):
                    Define(accumulation.Target, new Binary(BinaryOperator.Add, new VariableRef(running), Element(value), element));
                    break;
                case AddAssign { Value: var value } accumulation:
                    body.Add(new ElementAssign(spans[accumulation.Target], new VariableRef(index), Element(value), Accumulate: true));
                    break;
            }
        }
        foreach (var matrix in liveOut)
            body.Add(new ElementAssign(spans[matrix], new VariableRef(index), new VariableRef(current[matrix]), Accumulate: false));
        body.Add(new Assign(index, new Binary(BinaryOperator.Add, new VariableRef(index), Constant.Of(IrType.Int, 1), IrType.Int)));

        fused.Add(new Assign(index, Constant.Of(IrType.Int, 0)));
        fused.Add(new Loop(new Binary(BinaryOperator.Less, new VariableRef(index), new SpanLength(spans[shape]), IrType.Bool), IrBlock.From(body), EquatableArray.Create(index)));
        return guard is Constant ? fused : [new If(guard, IrBlock.From(fused), IrBlock.From(group))];
    }

    /// <summary>One element of an elementwise operation, from its operands' elements (a scalar operand is used as it is).</summary>
    private static IrExpression ScalarOf(MatrixCall call, System.Func<IrExpression, IrExpression> element, IrType type)
    {
        var arguments = call.Arguments.Select(element).ToList();
        IrExpression Binary(BinaryOperator op) => new Binary(op, arguments[0], arguments[1], type);
        IrExpression Intrinsic(Intrinsic function) => new IntrinsicCall(function, EquatableArray.Create(arguments[0]), type);
        return call.Function switch
        {
            MatrixFunction.Add => Binary(BinaryOperator.Add),
            MatrixFunction.Subtract => Binary(BinaryOperator.Subtract),
            MatrixFunction.Multiply => Binary(BinaryOperator.Multiply),
            MatrixFunction.Divide => Binary(BinaryOperator.Divide),
            MatrixFunction.Negate => new Unary(UnaryOperator.Negate, arguments[0], type),
            MatrixFunction.Square => new Binary(BinaryOperator.Multiply, arguments[0], arguments[0], type),
            MatrixFunction.Exp => Intrinsic(IR.Intrinsic.Exp),
            MatrixFunction.Log => Intrinsic(IR.Intrinsic.Log),
            MatrixFunction.Sqrt => Intrinsic(IR.Intrinsic.Sqrt),
            MatrixFunction.Sin => Intrinsic(IR.Intrinsic.Sin),
            MatrixFunction.Cos => Intrinsic(IR.Intrinsic.Cos),
            MatrixFunction.ZerosLike => Constant.Of(type, 0),
            _ => throw new System.InvalidOperationException("Not fusible: " + call.Function),
        };
    }

    private static IrExpression And(IrExpression left, IrExpression right)
        => left is Constant { Integer: 1 } ? right : new Binary(BinaryOperator.ConditionalAnd, left, right, IrType.Bool);
}
