using AutoGrad.Generator.Helpers;

namespace AutoGrad.Generator.Model;

/// <summary>
/// A file-local alias a generated file may declare — <c>using V256 = global::System.Runtime.Intrinsics.Vector256;</c> —
/// so that its code reads as a person would write it rather than as a wall of <c>global::</c> names.
/// </summary>
/// <param name="Name">The alias.</param>
/// <param name="Target">The type it stands for, fully qualified with <c>global::</c>.</param>
public sealed record FileAlias(string Name, string Target)
{
    public static readonly FileAlias Vector256 = new("V256", "global::System.Runtime.Intrinsics.Vector256");
    public static readonly FileAlias Math = new("Math", "global::System.Math");
    public static readonly FileAlias MathF = new("MathF", "global::System.MathF");
    public static readonly FileAlias MemoryMarshal = new("MemoryMarshal", "global::System.Runtime.InteropServices.MemoryMarshal");
    public static readonly FileAlias MemoryExtensions = new("MemoryExtensions", "global::System.MemoryExtensions");
    public static readonly FileAlias ArgumentException = new("ArgumentException", "global::System.ArgumentException");
    public static readonly FileAlias Simd = new("Simd", "global::AutoGrad.Simd");
    public static readonly FileAlias MatrixFunctions = new("MatrixFunctions", "global::AutoGrad.Internal.MatrixFunctions");
    public static readonly FileAlias MatrixStorage = new("MatrixStorage", "global::AutoGrad.Internal.MatrixStorage");
    public static readonly FileAlias LoopStorage = new("LoopStorage", "global::AutoGrad.Internal.LoopStorage");

    // Matrix code declares a matrix for every intermediate and its adjoint: the closed types read best aliased.
    public static readonly FileAlias DoubleMatrix = new("DoubleMatrix", "global::AutoGrad.Matrix<double>");
    public static readonly FileAlias FloatMatrix = new("FloatMatrix", "global::AutoGrad.Matrix<float>");

    public static readonly EquatableArray<FileAlias> All = EquatableArray.Create(
        Vector256, Math, MathF, MemoryMarshal, MemoryExtensions, ArgumentException, Simd, MatrixFunctions, MatrixStorage, LoopStorage, DoubleMatrix, FloatMatrix);
}
