using AutoGrad.Generator.Emit;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;
using AutoGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// The back end alone, fed hand-built IR: precedence, literals, declarations, ref/out arguments,
/// else-if chains, hoisting and counted loops are checked without going through parsing or the transforms.
/// </summary>
public sealed class EmitterSnapshotTests
{
    [Fact]
    public void Prints_hand_built_methods()
    {
        var x = new IrVariable(0, "x", IrType.Double, VariableRole.Parameter);
        var n = new IrVariable(1, "n", IrType.Int, VariableRole.Parameter);
        var xDot = new IrVariable(2, "xDot", IrType.Double, VariableRole.Tangent);
        var resultDot = new IrVariable(3, "resultDot", IrType.Double, VariableRole.Tangent);
        var t = new IrVariable(4, "t", IrType.Double, VariableRole.Temporary);
        var tDot = new IrVariable(5, "tDot", IrType.Double, VariableRole.Tangent);
        var keyword = new IrVariable(6, "double", IrType.Double, VariableRole.Local);
        var inBranch = new IrVariable(7, "inBranch", IrType.Double, VariableRole.Temporary);
        var k = new IrVariable(8, "k", IrType.Int, VariableRole.Local);
        var X = new VariableRef(x);

        var target = new DifferentiableTarget("global::Demo.Other", "G", "M:Demo.Other.G(System.Double)", EquatableArray.Create(true), EquatableArray.Create(false));
        IrExpression Sum(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Add, a, b, IrType.Double);
        IrExpression Product(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Multiply, a, b, IrType.Double);
        IrExpression Difference(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Subtract, a, b, IrType.Double);

        var body = IrBlock.From(
        [
            // (x + 1) * (x - (x - 2)): parentheses only where precedence needs them.
            new Assign(t, Product(Sum(X, Constant.Of(IrType.Double, 1)), Difference(X, Difference(X, Constant.Of(IrType.Double, 2))))),
            new Assign(keyword, new Unary(UnaryOperator.Negate, Constant.Of(IrType.Double, -0.5), IrType.Double)),
            new Assign(t, new MethodCall(target.ContainingType, target.ForwardName,
                EquatableArray.Create(new Argument(X), new Argument(new VariableRef(xDot)), new Argument(new VariableRef(tDot), ArgumentKind.Out)), IrType.Double)),
            new If(new Binary(BinaryOperator.Greater, new VariableRef(n), Constant.Of(IrType.Int, 2), IrType.Bool),
                IrBlock.From([new Assign(inBranch, new Convert(new VariableRef(n), IrType.Double))]),
                IrBlock.From([new If(new Binary(BinaryOperator.ConditionalOr,
                        new Binary(BinaryOperator.Less, X, Constant.Of(IrType.Double, 1e-300), IrType.Bool),
                        new Unary(UnaryOperator.Not, Constant.Bool(true), IrType.Bool), IrType.Bool),
                    IrBlock.From([new Assign(inBranch, Constant.Of(IrType.Double, double.PositiveInfinity))]),
                    IrBlock.From([new Assign(inBranch, new Conditional(
                        new Binary(BinaryOperator.Equal, X, Constant.Of(IrType.Double, 0), IrType.Bool),
                        Constant.Of(IrType.Double, 0.1), Constant.Of(IrType.Double, 3), IrType.Double))]))])),
            new Assign(resultDot, Sum(new VariableRef(tDot), new VariableRef(inBranch))),
            new AddAssign(resultDot, new Unary(UnaryOperator.Negate, new VariableRef(keyword), IrType.Double)),
            // A counted loop prints as the for statement that declares its counter.
            new CountedLoop(k, new Binary(BinaryOperator.Subtract, new VariableRef(n), Constant.Of(IrType.Int, 1), IrType.Int), Constant.Of(IrType.Int, 0), -2, Inclusive: true,
                IrBlock.From([new AddAssign(resultDot, new Convert(new VariableRef(k), IrType.Double))]), EquatableArray<IrVariable>.Empty),
            new Return(new VariableRef(t)),
        ]);
        var method = new IrMethod("FForward", IrType.Double, EquatableArray.Create(
            new IrParameter(x, true), new IrParameter(xDot, false), new IrParameter(n, false), new IrParameter(resultDot, false, ParameterKind.Out)), body, 9);
        var model = new MethodModel("M:Demo.C.F(System.Double,System.Int32)", "Demo.C.F.g.cs", "Demo",
            EquatableArray.Create(new ContainingTypeInfo("class", "C", "static", "")), "global::Demo.C", "public",
            method with { Name = "F" });

        Snapshot.Verify(FileEmitter.Emit(model, method, method with { Name = "FAdjoint" }), "EmitterHandBuilt");
    }
}
