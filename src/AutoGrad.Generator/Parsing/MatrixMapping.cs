using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;

namespace AutoGrad.Generator.Parsing;

/// <summary>Recognises <c>AutoGrad.Ops</c> functions and <c>AutoGrad.Matrix&lt;T&gt;</c> operators.</summary>
internal static class MatrixMapping
{
    public static bool IsOps(IMethodSymbol method) => method.ContainingType?.ToDisplayString() == "AutoGrad.Ops";

    public static bool IsMatrixOperator(IMethodSymbol? method)
        => method is { MethodKind: MethodKind.UserDefinedOperator } && TypeMapping.Map(method.ContainingType)?.IsMatrix() == true;

    /// <summary>The IR function of an <c>Ops</c> method (by name and arity), or null.</summary>
    public static MatrixFunction? Function(IMethodSymbol method) => (method.Name, method.Parameters.Length) switch
    {
        ("MatMul", 2) => MatrixFunction.MatMul,
        ("Transpose", 1) => MatrixFunction.Transpose,
        ("Exp", 1) => MatrixFunction.Exp,
        ("Log", 1) => MatrixFunction.Log,
        ("Sqrt", 1) => MatrixFunction.Sqrt,
        ("Sin", 1) => MatrixFunction.Sin,
        ("Cos", 1) => MatrixFunction.Cos,
        ("Tanh", 1) => MatrixFunction.Tanh,
        ("Sigmoid", 1) => MatrixFunction.Sigmoid,
        ("Relu", 1) => MatrixFunction.Relu,
        ("Abs", 1) => MatrixFunction.Abs,
        ("Square", 1) => MatrixFunction.Square,
        ("Pow", 2) => MatrixFunction.Pow,
        ("Sum", 1) => MatrixFunction.Sum,
        ("Mean", 1) => MatrixFunction.Mean,
        ("Max", 1) => MatrixFunction.Max,
        ("Min", 1) => MatrixFunction.Min,
        ("SumOfSquares", 1) => MatrixFunction.SumOfSquares,
        ("Sum", 2) => MatrixFunction.SumAxis,
        ("Mean", 2) => MatrixFunction.MeanAxis,
        ("Max", 2) => MatrixFunction.MaxAxis,
        _ => null,
    };

    /// <summary>The IR function of a binary operator on matrices.</summary>
    public static MatrixFunction? Operator(string operatorName) => operatorName switch
    {
        "op_Addition" => MatrixFunction.Add,
        "op_Subtraction" => MatrixFunction.Subtract,
        "op_Multiply" => MatrixFunction.Multiply,
        "op_Division" => MatrixFunction.Divide,
        "op_UnaryNegation" => MatrixFunction.Negate,
        _ => null,
    };
}
