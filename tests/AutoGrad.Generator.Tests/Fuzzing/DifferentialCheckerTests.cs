using System.Linq;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Transforms;
using Xunit;

namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>
/// The checker fails what it is there to fail. A generator broken on purpose (through <see cref="Pipeline.Observer"/>)
/// scales the forward method's tangents and the adjoint's cotangent alike, so that the two modes still agree with each other
/// and only central differences of the original can tell: the derivative is off by a tenth of a percent, far inside what a
/// checker that confirms at smaller steps might be tempted to accept, and far outside double's tolerance.
/// </summary>
public sealed class DifferentialCheckerTests
{
    private const string Program = """
        using System;
        using AutoGrad;

        namespace Fuzz;

        public static partial class Perturbed
        {
            [Differentiable]
            public static double F(double a0, double a1, ReadOnlySpan<double> x0)
            {
                double s = Math.Sin(a0) * a1;
                for (int i = 0; i < x0.Length; i++)
                    s += Math.Max(x0[i] * a0, 0.25) * x0[i];
                return s + a0 * a0;
            }
        }
        """;

    [Fact]
    public void A_derivative_off_by_a_tenth_of_a_percent_in_both_modes_alike_fails_against_central_differences()
    {
        Assert.Empty(DifferentialChecker.Run([new FuzzCase(1, "Perturbed", Program)], programWarnings: false));

        Pipeline.Observer = (path, method) => path switch
        {
            "forward/forward-transform" => Scaled(method, parameter => parameter.Variable.Role == VariableRole.Tangent),
            "adjoint/reverse-transform" => Scaled(method, parameter => parameter.Variable.Name == ReverseTransform.ResultAdjointName),
            _ => method,
        };
        try
        {
            var failure = Assert.Single(DifferentialChecker.Run([new FuzzCase(1, "Perturbed", Program)], programWarnings: false));
            Assert.Contains("against finite differences", failure.Check);
        }
        finally
        {
            Pipeline.Observer = null;
        }
    }

    /// <summary>Every read of the chosen parameters (and of their elements) multiplied by 1.001: the method's derivative, linear in them, scales alike.</summary>
    private static IrMethod Scaled(IrMethod method, System.Func<IrParameter, bool> chosen)
    {
        var scaled = method.Parameters.Where(chosen).Select(parameter => parameter.Variable).ToHashSet();
        Assert.NotEmpty(scaled);
        IrBlock Map(IrBlock block) => IrBlock.From(block.Statements.Select(statement => statement
            .MapExpressions(expression => expression.Rewrite(node => node switch
            {
                VariableRef { Variable: var variable } when scaled.Contains(variable) && variable.Type.IsFloatingPoint() => Times1001(node),
                ElementRead { Collection: var span } when scaled.Contains(span) => Times1001(node),
                _ => node,
            }))
            .MapBlocks(Map)));
        return method with { Body = Map(method.Body) };
    }

    private static IrExpression Times1001(IrExpression value) => new Binary(BinaryOperator.Multiply, value, Constant.Of(value.Type, 1.001), value.Type);
}
