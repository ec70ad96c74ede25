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

    private readonly string epiloguePrefix;
    private readonly string epilogueSuffix;
    private int epilogues;

    private ElementwiseFusion(IrMethod method, string epilogueSuffix)
    {
        variables = new VariableFactory(method.NextVariableId);
        parameters = new HashSet<IrVariable>(method.Parameters.Select(parameter => parameter.Variable));
        epiloguePrefix = method.Name + "Epilogue";
        this.epilogueSuffix = epilogueSuffix;
    }

    /// <param name="epilogueSuffix">Makes the names of the method's epilogue structs unique in its type (overloads share a name).</param>
    public static IrMethod Apply(IrMethod method, string epilogueSuffix = "")
    {
        var fusion = new ElementwiseFusion(method, epilogueSuffix);
        var body = fusion.Visit(method.Body);
        return method with { Body = body, NextVariableId = fusion.variables.NextId };
    }

    /// <summary>Rewrites the <c>Apply</c> method of every GEMM epilogue in the method (the vectorizer gives their loops a vector path).</summary>
    public static IrMethod MapEpilogues(IrMethod method, System.Func<IrMethod, IrMethod> map)
    {
        IrBlock Visit(IrBlock block) => IrBlock.From(block.Statements.Select(statement => statement is MatMulInto { Epilogue: { } epilogue } product
            ? product with { Epilogue = epilogue with { Apply = map(epilogue.Apply) } }
            : statement.MapBlocks(Visit)));
        return method with { Body = Visit(method.Body) };
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
            // A product the run reads goes into the GEMM's output stage with the work that follows it.
            var product = i > 0 && output.Count > 0 && ReferenceEquals(output[output.Count - 1], statements[i - 1]) ? AsProduct(statements[i - 1]) : null;
            if (end - i >= 2 || end - i >= 1 && product is not null)
            {
                var after = statements.Skip(end).ToList();
                var groups = ByShape(statements.Skip(i).Take(end - i).ToList());
                var intoProduct = product is null ? null : groups.FirstOrDefault(group => ReadsMatrix(group, product.Target));
                if (intoProduct is not null)
                {
                    output.RemoveAt(output.Count - 1);
                    output.AddRange(FuseIntoProduct(product!, intoProduct, after));
                }
                foreach (var group in groups.Where(group => group != intoProduct))
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
        // A copy (an adjoint's one contribution, see MatrixZeroStarts) is the identity on each element.
        Assign { Target.Type: var type, Value: VariableRef { Type: var valueType } } when type.IsMatrix() && valueType.IsMatrix() => true,
        AddAssign { Target.Type: var type, Value: VariableRef { Type: var valueType } } when type.IsMatrix() && valueType.IsMatrix() => true,
        _ => false,
    };

    private static bool IsFusible(MatrixCall call)
        => call.Function is MatrixFunction.Add or MatrixFunction.Subtract or MatrixFunction.Multiply or MatrixFunction.Divide
               or MatrixFunction.Negate or MatrixFunction.Exp or MatrixFunction.Log or MatrixFunction.Sqrt or MatrixFunction.Sin
               or MatrixFunction.Cos or MatrixFunction.Square or MatrixFunction.ZerosLike or MatrixFunction.BroadcastLike
           // A scalar operand may be any scalar expression (the same for every element): 2·resultBar.
           && call.Arguments.All(argument => argument is VariableRef or Constant || !argument.Type.IsMatrix() && !argument.Contains(node => node.Type.IsMatrix()));

    /// <summary>The matrices a fused group shares a shape with: what it reads from outside (or adds into), and what it defines that is read later.</summary>
    private (List<IrVariable> Outside, List<IrVariable> LiveOut) Boundary(List<IrStatement> group, List<IrStatement> after)
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
        return (outside, liveOut);
    }

    /// <summary>Every matrix of the group has <paramref name="shape"/>'s shape.</summary>
    private static IrExpression SameShapes(IrVariable shape, IEnumerable<IrVariable> others)
    {
        IrExpression guard = Constant.Bool(true);
        foreach (var other in others.Where(other => !other.Equals(shape)))
            guard = And(guard, new MatrixCall(MatrixFunction.SameShape, EquatableArray.Create<IrExpression>(new VariableRef(shape), new VariableRef(other)), IrType.Bool));
        return guard;
    }

    /// <summary><c>if (every matrix has one shape) { fused loop } else { the statements as they were }</c>; just the loop when one matrix comes from outside.</summary>
    private IEnumerable<IrStatement> Fuse(List<IrStatement> group, List<IrStatement> after)
    {
        var (outside, liveOut) = Boundary(group, after);
        var shape = outside.First();
        var element = shape.Type.ElementType();
        var guard = SameShapes(shape, outside);

        var fused = new List<IrStatement>();
        fused.AddRange(StorageFor(liveOut, shape));
        var spans = new Dictionary<IrVariable, IrVariable>();
        foreach (var matrix in outside.Concat(liveOut))
        {
            var span = variables.Create(matrix.Name + "Elements", element.SpanOf(), ElementsRole(matrix));
            spans[matrix] = span;
            fused.Add(ElementsOf(matrix, span));
        }
        fused.AddRange(ElementLoop(group, spans, spans[shape], liveOut, element));
        return guard is Constant ? fused : [new If(guard, IrBlock.From(fused), IrBlock.From(group))];
    }

    /// <summary>
    /// <c>p = op(a)·op(b)</c> followed by a group reading <c>p</c>: the group's loop becomes the GEMM's
    /// epilogue, run on each finished piece of <c>p</c> (<c>values</c>) with the group's other matrices
    /// at the same positions. When shapes differ, the product and the statements as they were.
    /// </summary>
    private IEnumerable<IrStatement> FuseIntoProduct(Assign product, List<IrStatement> group, List<IrStatement> after)
    {
        var call = (MatrixCall)product.Value;
        var (a, transposeA, b, transposeB) = ProductOperands(call);
        var p = product.Target;
        var (outside, liveOut) = Boundary(group, after);
        var element = p.Type.ElementType();
        // Scalars the work reads (2·resultBar) come from the method: the struct holds them too.
        var scalars = group.SelectMany(statement => statement.Expressions()).SelectMany(expression => expression.ReadVariables())
            .Where(variable => variable.Type.IsScalar()).Distinct();
        var captured = outside.Where(matrix => !matrix.Equals(p) && ReadsElementsOf(group, matrix)).Concat(liveOut).Concat(scalars).ToList();

        // The epilogue: Apply(row, colStart, values) over the segment p[row, colStart ..], the captured matrices' elements beside it.
        var row = variables.Create("row", IrType.Int, VariableRole.Parameter);
        var colStart = variables.Create("colStart", IrType.Int, VariableRole.Parameter);
        var values = variables.Create("values", element.SpanOf(), VariableRole.Parameter);
        var columns = variables.Create("Columns", IrType.Int, VariableRole.Parameter);
        var fields = FieldNames(captured).Select((name, k) => variables.Create(name, captured[k].Type, VariableRole.Parameter)).ToList();
        var start = variables.Create("start", IrType.Int, VariableRole.Temporary);
        var body = new List<IrStatement>
        {
            new Assign(start, new Binary(BinaryOperator.Add, new Binary(BinaryOperator.Multiply, new VariableRef(row), new VariableRef(columns), IrType.Int), new VariableRef(colStart), IrType.Int)),
        };
        var spans = new Dictionary<IrVariable, IrVariable> { [p] = values };
        for (var k = 0; k < captured.Count && captured[k].Type.IsMatrix(); k++)
        {
            var all = variables.Create(captured[k].Name + "Elements", element.SpanOf(), ElementsRole(captured[k]));
            var segment = variables.Create(captured[k].Name + "Segment", element.SpanOf(), ElementsRole(captured[k]));
            body.Add(ElementsOf(fields[k], all));
            body.Add(new Assign(segment, new Slice(all, new VariableRef(start), new SpanLength(values))));
            spans[captured[k]] = segment;
        }
        body.AddRange(ElementLoop(group, spans, values, liveOut, element));
        var scalarFields = Enumerable.Range(0, captured.Count).Where(k => captured[k].Type.IsScalar()).ToDictionary(k => captured[k], k => fields[k]);
        var apply = new IrMethod("Apply", IrType.Void,
            EquatableArray.Create(new IrParameter(row, false), new IrParameter(colStart, false), new IrParameter(values, false)),
            IrBlock.From(body).Rename(scalarFields), variables.NextId);
        var epilogue = new GemmEpilogue($"{epiloguePrefix}{++epilogues}{epilogueSuffix}", fields.ToEquatableArray(), columns, apply);

        var fused = new List<IrStatement>();
        fused.AddRange(StorageFor(liveOut, p));
        fused.Add(new MatMulInto(p, a, transposeA, b, transposeB, epilogue, captured.ToEquatableArray()));
        var unfused = new List<IrStatement> { new MatMulInto(p, a, transposeA, b, transposeB, null, EquatableArray<IrVariable>.Empty) };
        unfused.AddRange(group);

        var storage = new Assign(p, new MatrixCall(MatrixFunction.ProductShaped,
            EquatableArray.Create<IrExpression>(new VariableRef(a), Constant.Bool(transposeA), new VariableRef(b), Constant.Bool(transposeB)), p.Type));
        var guard = SameShapes(p, outside);
        return guard is Constant ? [storage, .. fused] : [storage, new If(guard, IrBlock.From(fused), IrBlock.From(unfused))];
    }

    /// <summary>
    /// A derivative matrix's elements are derivatives too, so the simplifier treats what is stored into them as it
    /// treats a scalar derivative (<c>0 + x</c> is <c>x</c> but for the sign of a zero); a primal's elements are temporaries.
    /// </summary>
    private static VariableRole ElementsRole(IrVariable matrix) => matrix.IsDerivative ? matrix.Role : VariableRole.Temporary;

    /// <summary>Storage of <paramref name="shape"/>'s shape for each matrix the fused loop writes.</summary>
    private static IEnumerable<IrStatement> StorageFor(IEnumerable<IrVariable> matrices, IrVariable shape)
        => matrices.Select(matrix => (IrStatement)new Assign(matrix, new MatrixCall(MatrixFunction.Uninitialized, EquatableArray.Create<IrExpression>(new VariableRef(shape)), matrix.Type)));

    /// <summary><c>span = the elements of matrix</c>.</summary>
    private static Assign ElementsOf(IrVariable matrix, IrVariable span)
        => new(span, new MatrixCall(MatrixFunction.Elements, EquatableArray.Create<IrExpression>(new VariableRef(matrix)), span.Type));

    /// <summary><c>for (i = 0; i &lt; length; i++)</c> over the group's elements: operands read from their spans, live-out values and accumulations written back.</summary>
    private List<IrStatement> ElementLoop(List<IrStatement> group, Dictionary<IrVariable, IrVariable> spans, IrVariable lengthOf, List<IrVariable> liveOut, IrType element)
    {
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
                case Assign { Value: VariableRef copied } copy:
                    Define(copy.Target, Element(copied));
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
        return [new CountedLoop(index, Constant.Of(IrType.Int, 0), new SpanLength(lengthOf), 1, Inclusive: false, IrBlock.From(body), EquatableArray<IrVariable>.Empty)];
    }

    /// <summary>Public fields are PascalCase (so they never meet Apply's camelCase locals), distinct, and not <c>Columns</c>.</summary>
    private static List<string> FieldNames(List<IrVariable> captured)
    {
        var taken = new HashSet<string> { "Columns", "Apply" };
        var names = new List<string>();
        foreach (var matrix in captured)
        {
            var pascal = char.ToUpperInvariant(matrix.Name[0]) + matrix.Name.Substring(1);
            var name = pascal;
            for (var suffix = 2; !taken.Add(name); suffix++)
                name = pascal + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names.Add(name);
        }
        return names;
    }

    /// <summary><c>p = op(a)·op(b)</c> with matrix variables as operands, or null.</summary>
    private static Assign? AsProduct(IrStatement statement)
        => statement is Assign { Target.Type: var type, Value: MatrixCall { Function: MatrixFunction.MatMul or MatrixFunction.MatMulTransposedLeft or MatrixFunction.MatMulTransposedRight } call } assign
           && type.IsMatrix() && call.Arguments.All(argument => argument is VariableRef { Type: var operand } && operand.IsMatrix())
            ? assign
            : null;

    private static (IrVariable A, bool TransposeA, IrVariable B, bool TransposeB) ProductOperands(MatrixCall call)
        => (((VariableRef)call.Arguments[0]).Variable, call.Function == MatrixFunction.MatMulTransposedLeft,
            ((VariableRef)call.Arguments[1]).Variable, call.Function == MatrixFunction.MatMulTransposedRight);

    /// <summary>The arguments whose elements an elementwise call reads: all but the one <see cref="MatrixFunction.BroadcastLike"/> only takes the shape of.</summary>
    private static IEnumerable<IrExpression> ElementOperands(MatrixCall call)
        => call.Function == MatrixFunction.BroadcastLike ? call.Arguments.Take(1) : call.Arguments;

    /// <summary>Whether the group reads or adds into the matrix's elements (a zero start only takes its shape, which the guard checks).</summary>
    private static bool ReadsElementsOf(List<IrStatement> group, IrVariable matrix)
        => group.Any(statement => statement is AddAssign { Target: var target } && target.Equals(matrix)
            || statement is Assign { Value: MatrixCall { Function: not MatrixFunction.ZerosLike } call } && ElementOperands(call).Any(argument => argument.ReadVariables().Contains(matrix))
            || statement is Assign { Value: VariableRef { Variable: var copied } } && copied.Equals(matrix)
            || statement is AddAssign { Value: var value } && value.ReadVariables().Contains(matrix));

    private static bool ReadsMatrix(List<IrStatement> group, IrVariable matrix)
        => group.Any(statement => statement.Expressions().Any(expression => expression.ReadVariables().Contains(matrix)));

    /// <summary>One element of an elementwise operation, from its operands' elements (a scalar operand is used as it is).</summary>
    private static IrExpression ScalarOf(MatrixCall call, System.Func<IrExpression, IrExpression> element, IrType type)
    {
        if (call.Function == MatrixFunction.ZerosLike)
            return Constant.Of(type, 0);
        // The fused loop runs only where every matrix has one shape: nothing is stretched.
        if (call.Function == MatrixFunction.BroadcastLike)
            return element(call.Arguments[0]);
        return call.Function.ScalarForm(call.Arguments.Select(element).ToList(), type)
            ?? throw new System.InvalidOperationException("Not fusible: " + call.Function);
    }

    private static IrExpression And(IrExpression left, IrExpression right)
        => left is Constant { Integer: 1 } ? right : new Binary(BinaryOperator.ConditionalAnd, left, right, IrType.Bool);
}
