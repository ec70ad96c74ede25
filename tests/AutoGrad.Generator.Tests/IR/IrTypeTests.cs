using System;
using System.Linq;
using AutoGrad.Generator.IR;
using Xunit;

namespace AutoGrad.Generator.Tests.IR;

/// <summary>The types the IR computes with, and the arrays the reverse sweep keeps loop values in.</summary>
public sealed class IrTypeTests
{
    public static TheoryData<IrType> Scalars => new(Enum.GetValues<IrType>().Where(type => type.IsScalar()));

    /// <summary>A loop may carry a value of any scalar type, so each has an array to keep it in (a long once had none: AG9999).</summary>
    [Theory]
    [MemberData(nameof(Scalars))]
    public void Every_scalar_type_has_an_array_of_itself(IrType scalar)
    {
        var array = scalar.ArrayOf();
        Assert.True(array.IsArray());
        Assert.Equal(scalar, array.ElementType());
        Assert.Equal(scalar.ToCSharp() + "[]", array.ToCSharp());
    }

    [Fact]
    public void Every_array_type_is_the_array_of_a_scalar_type()
    {
        foreach (var array in Enum.GetValues<IrType>().Where(type => type.IsArray()))
            Assert.Equal(array, array.ElementType().ArrayOf());
    }
}
