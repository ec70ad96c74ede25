using System.Linq;
using AutoGrad.Generator.Emit;
using AutoGrad.Generator.IR;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// The emitter's names: each variable takes its preferred name or the first numbered variant of it that nothing
/// else holds. The allocator resumes its search where it last stopped for that name; these tests pin the names a
/// search from 2 every time would give.
/// </summary>
public sealed class NameAllocatorTests
{
    private static IrVariable Local(int id, string name) => new(id, name, IrType.Double, VariableRole.Temporary);

    [Fact]
    public void Variables_preferring_one_name_take_the_first_free_numbered_variants_in_turn()
    {
        var x = new IrParameter(Local(0, "x") with { Role = VariableRole.Parameter }, false);
        var names = new NameAllocator([x], reserved: ["t3", "Math"]);
        var locals = Enumerable.Range(1, 5).Select(id => Local(id, "t")).ToArray();

        Assert.Equal(["t", "t2", "t4", "t5", "t6"], locals.Select(local => names[local]));
        // A name another variable prefers and that a numbered variant already holds gets a variant of its own.
        Assert.Equal("t42", names[Local(10, "t4")]);
        Assert.Equal("x2", names[Local(11, "x")]);
        Assert.Equal("t7", names[Local(12, "t")]);
        // Asking again gives the name given before.
        Assert.Equal("t2", names[locals[1]]);
    }

    [Fact]
    public void A_variable_preferring_a_numbered_name_others_skip_to_is_not_given_it_twice()
    {
        var names = new NameAllocator([], reserved: []);
        Assert.Equal("v", names[Local(1, "v")]);
        Assert.Equal("v2", names[Local(2, "v2")]);
        Assert.Equal("v3", names[Local(3, "v")]);
        Assert.Equal("v4", names[Local(4, "v")]);
        Assert.Equal("v32", names[Local(5, "v3")]);
    }

    [Fact]
    public void Keywords_are_escaped_and_parameters_keep_their_names()
    {
        var parameter = new IrParameter(new IrVariable(0, "result", IrType.Double, VariableRole.Parameter), false);
        var names = new NameAllocator([parameter], reserved: []);
        Assert.Equal("result", names[parameter.Variable]);
        Assert.Equal("result2", names[Local(1, "result")]);
        Assert.Equal("@double", names[Local(2, "double")]);
    }
}
