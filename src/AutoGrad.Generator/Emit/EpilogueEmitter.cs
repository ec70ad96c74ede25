using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// Prints a generated GEMM epilogue: a private struct implementing <c>ILinearGemmEpilogue&lt;T&gt;</c>
/// (it indexes the matrices' storage linearly, so a run across rows is as good as one row) and
/// <c>IParallelGemmEpilogue</c> (its work is elementwise, so the parallel GEMM's workers share it)
/// whose fields are the matrices the fused work reads and writes beside the product. GEMM takes it
/// by <c>ref</c> as a type argument, so the JIT specializes the kernel for it: no interface calls.
/// </summary>
internal static class EpilogueEmitter
{
    public static void Emit(SourceWriter writer, GemmEpilogue epilogue, System.Collections.Generic.IEnumerable<string> reservedNames, Spellings spellings)
    {
        var element = epilogue.Apply.Parameters.Last().Variable.Type.ElementType().ToCSharp();
        writer.WriteLine("/// <summary>The output stage of a product: the elementwise work after it, on each finished piece of it while it is in cache.</summary>");
        writer.OpenBlock($"private struct {epilogue.Name} : global::AutoGrad.Kernels.ILinearGemmEpilogue<{element}>, global::AutoGrad.Kernels.IParallelGemmEpilogue<{epilogue.Name}, {element}>");
        foreach (var field in epilogue.Fields)
            writer.WriteLine($"public {spellings.Type(field.Type)} {field.Name};");
        writer.WriteLine($"public int {epilogue.Columns.Name};");
        writer.WriteLine();
        // The work is elementwise: each worker writes the elements of its own rows, so the workers share one copy.
        writer.WriteLine($"public readonly {epilogue.Name} CreateWorker() => this;");
        writer.WriteLine();
        writer.WriteLine($"public readonly void Merge(in {epilogue.Name} worker)");
        writer.OpenBlock();
        writer.CloseBlock();
        writer.WriteLine();
        // Called for every piece of every product: compiled optimized at once, not after tiered compilation gets to it
        // (on one CPU it did not for dozens of calls, issue 19), as the GEMM's own kernels are.
        writer.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        MethodEmitter.Emit(writer, epilogue.Apply, "public", reservedNames, spellings, [.. epilogue.Fields, epilogue.Columns]);
        writer.CloseBlock();
    }
}
