using System;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace AutoGrad.Tests.Infrastructure;

/// <summary>A generated method's signature as C#-like text, the way the contract spells it.</summary>
public static class SignatureText
{
    public static string Describe(MethodInfo method)
    {
        string access = method.IsPublic ? "public" : method.IsAssembly ? "internal" : method.IsPrivate ? "private" : "other";
        string parameters = string.Join(", ", method.GetParameters().Select(p =>
        {
            Type type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
            string modifier = !p.ParameterType.IsByRef ? "" : p.IsOut ? "out " : "ref ";
            string defaultValue = p.HasDefaultValue ? " = " + Convert.ToString(p.DefaultValue, CultureInfo.InvariantCulture) : "";
            return $"{modifier}{Keyword(type)} {p.Name}{defaultValue}";
        }));
        return $"{access}{(method.IsStatic ? " static" : "")} {Keyword(method.ReturnType)} {method.Name}({parameters})";
    }

    private static string Keyword(Type type)
        => type == typeof(double) ? "double"
            : type == typeof(float) ? "float"
            : type == typeof(int) ? "int"
            : type == typeof(long) ? "long"
            : type == typeof(bool) ? "bool"
            : type == typeof(void) ? "void"
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>) ? $"ReadOnlySpan<{Keyword(type.GetGenericArguments()[0])}>"
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Span<>) ? $"Span<{Keyword(type.GetGenericArguments()[0])}>"
            : type.Name;
}
