using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.Spans.Functions;
using Xunit;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// ∂(Π xᵢ)/∂xⱼ = Π_{i≠j} xᵢ, on both sides of the size where kept values move from the stack to
/// a pooled buffer (128), and repeatedly so a returned buffer is reused.
/// </summary>
public class KeptValueTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1000)]
    public void Product_gradient_is_the_product_of_the_others(int n)
    {
        Random random = new(n);
        double[] x = [.. Enumerable.Range(0, n).Select(_ => 0.9 + 0.2 * random.NextDouble())];
        for (int repeat = 0; repeat < 3; repeat++)
        {
            double[] bar = new double[n];
            double value = KeptValues.ProductAdjoint(x, bar);

            Assert.Equal(KeptValues.Product(x), value);
            for (int j = 0; j < n; j++)
            {
                double others = 1.0;
                for (int i = 0; i < n; i++)
                {
                    if (i != j)
                        others *= x[i];
                }

                GradientAssert.Close(others, bar[j], Tolerance.DoubleClosedForm, $"d/dx{j} of the product of {n}");
            }
        }
    }
}
