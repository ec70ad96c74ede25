using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Test functions of other AD tools (Clad, Enzyme, ADBench, gradbench) translated to C# the way an
/// ordinary C# developer would write them: C++ pointers become spans, in-place updates of an input
/// array become writes into an output span, do-while loops and local arrays (not supported) become
/// while loops and locals. Each doc comment names the original.
/// </summary>
public static partial class OtherToolsFunctions
{
    // ---------------------------------------------------------------- Clad test/Gradient/Loops.C

    /// <summary>Clad test/Gradient/Loops.C, f1: t *= x three times, x³.</summary>
    [Differentiable]
    public static double CladF1(double x)
    {
        double t = 1;
        for (int i = 0; i < 3; i++)
            t *= x;
        return t;
    }

    /// <summary>Clad test/Gradient/Loops.C, f2: t *= x in a 3×3 nested loop, x⁹.</summary>
    [Differentiable]
    public static double CladF2(double x)
    {
        double t = 1;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                t *= x;
        return t;
    }

    /// <summary>Clad test/Gradient/Loops.C, f3: return from inside the loop in its second iteration, x².</summary>
    [Differentiable]
    public static double CladF3(double x)
    {
        double t = 1;
        for (int i = 0; i < 3; i++)
        {
            t *= x;
            if (i == 1)
                return t;
        }
        return t;
    }

    /// <summary>Clad test/Gradient/Loops.C, f5: a parameter incremented ten times, x + 10 (here x·x + 10 so the increment is not all).</summary>
    [Differentiable]
    public static double CladF5(double x)
    {
        double value = x * x;
        for (int i = 0; i < 10; i++)
            value++;
        return value;
    }

    /// <summary>Clad test/Gradient/Loops.C, f_const_local: a local computed from x and the counter inside the loop, 3x² + 3x.</summary>
    [Differentiable]
    public static double CladConstLocal(double x)
    {
        double res = 0;
        for (int i = 0; i < 3; ++i)
        {
            double n = x + i;
            res += x * n;
        }
        return res;
    }

    /// <summary>Clad test/Gradient/Loops.C, f_sum: Σ p[i] for i &lt; n.</summary>
    [Differentiable]
    public static double CladSum(ReadOnlySpan<double> p, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
            s += p[i];
        return s;
    }

    /// <summary>Clad test/Gradient/Loops.C, sq (the callee of f_sum_squares and f_log_gaus).</summary>
    [Differentiable]
    public static double Sq(double x) => x * x;

    /// <summary>Clad test/Gradient/Loops.C, f_sum_squares: Σ sq(p[i]), a differentiable call in a loop.</summary>
    [Differentiable]
    public static double CladSumSquares(ReadOnlySpan<double> p, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
            s += Sq(p[i]);
        return s;
    }

    /// <summary>
    /// Clad test/Gradient/Loops.C, f_log_gaus: log-likelihood of an n-dimensional Gaussian with covariance σ²·I;
    /// n is a double and active (Pow with a variable exponent), the loop bound compares an int with it.
    /// </summary>
    [Differentiable]
    public static double CladLogGaus(ReadOnlySpan<double> x, ReadOnlySpan<double> p, double n, double sigma)
    {
        double power = 0;
        for (int i = 0; i < n; i++)
            power += Sq(x[i] - p[i]);
        power = -power / (2 * Sq(sigma));
        double gaus = 1.0 / Math.Sqrt(Math.Pow(2 * Math.PI, n) * sigma) * Math.Exp(power);
        return Math.Log(gaus);
    }

    /// <summary>Clad test/Gradient/Loops.C, f_const: an int local truncated from b·b summed a times (times b here, so the result is not constant).</summary>
    [Differentiable]
    public static double CladConst(double a, double b)
    {
        int r = 0;
        for (int i = 0; i < a; i++)
        {
            int sq = (int)(b * b);
            r += sq;
        }
        return r * b;
    }

    /// <summary>Clad test/Gradient/Loops.C, f6: locals declared in the loop, one of them updated with +=.</summary>
    [Differentiable]
    public static double CladF6(double i, double j)
    {
        double a = 0;
        for (int counter = 0; counter < 3; ++counter)
        {
            double b = i * i;
            double c = j * j;
            b += j;
            a += b + c + i;
        }
        return a;
    }

    /// <summary>Clad test/Gradient/Loops.C, fn7: while (counter--) (the decrement, refused in a condition with AG0007, moved into the body).</summary>
    [Differentiable]
    public static double CladFn7(double i, double j)
    {
        double a = 0;
        int counter = 3;
        while (counter > 0)
        {
            counter--;
            a += i * i + j;
        }
        return a;
    }

    /// <summary>Clad test/Gradient/Loops.C, fn8 (its do-while, not supported, written as a while that runs once more).</summary>
    [Differentiable]
    public static double CladFn8(double i, double j)
    {
        double a = 0;
        int counter = 3;
        while (counter > 0)
        {
            a += i * i + j;
            counter -= 1;
            while (counter > 0)
            {
                a += i * i + j;
                counter -= 1;
            }
        }
        return a;
    }

    /// <summary>Clad test/Gradient/Loops.C, fn9: two nested while (counter--) loops (decrements moved into the bodies), the inner counter reset in the outer body.</summary>
    [Differentiable]
    public static double CladFn9(double i, double j)
    {
        int counter = 3;
        int counterAgain = 3;
        double a = 0;
        while (counter > 0)
        {
            counter--;
            counterAgain = 3;
            while (counterAgain > 0)
            {
                counterAgain--;
                a += i * i + j;
            }
        }
        return a;
    }

    /// <summary>Clad test/Gradient/Loops.C, fn13: a for loop with no initializer counting down, a temporary copied into res.</summary>
    [Differentiable]
    public static double CladFn13(double i, double j)
    {
        double res = 0;
        int counter = 3;
        for (; counter != 0; counter -= 1)
        {
            double k = counter;
            k += i + 2 * j;
            double temp = k;
            res += temp * k;
        }
        return res;
    }

    /// <summary>Clad test/Gradient/Loops.C, fn14: while (choice--) with three if/continue branches.</summary>
    [Differentiable]
    public static double CladFn14(double i, double j)
    {
        int choice = 5;
        double res = 0;
        while (choice > 0)
        {
            choice--;
            if (choice > 3)
            {
                res += i;
                continue;
            }
            if (choice > 1)
            {
                res += j;
                continue;
            }
            if (choice > 0)
            {
                res += i * j;
                continue;
            }
        }
        return res;
    }

    /// <summary>Clad test/Gradient/Loops.C, fn15: an outer while with continue around an inner while with continue.</summary>
    [Differentiable]
    public static double CladFn15(double i, double j)
    {
        int choice = 5;
        double res = 0;
        while (choice > 0)
        {
            choice--;
            if (choice > 2)
                continue;
            int anotherChoice = 3;
            while (anotherChoice > 0)
            {
                anotherChoice--;
                if (anotherChoice > 1)
                {
                    res += i;
                    continue;
                }
                if (anotherChoice > 0)
                    res += j;
            }
        }
        return res;
    }

    /// <summary>Clad test/Gradient/Loops.C, fn16: break in the last iteration, continue in the one before, += otherwise.</summary>
    [Differentiable]
    public static double CladFn16(double i, double j)
    {
        int counter = 5;
        double res = 0;
        for (int ii = 0; ii < counter; ++ii)
        {
            if (ii == 4)
            {
                res += i * j;
                break;
            }
            if (ii > 2)
            {
                res += 2 * i;
                continue;
            }
            res += i + j;
        }
        return res;
    }

    /// <summary>Clad test/Gradient/Loops.C, fn17: continue in the outer for, an inner while (jj--) left by break or continued.</summary>
    [Differentiable]
    public static double CladFn17(double i, double j)
    {
        int counter = 5;
        double res = 0;
        for (int ii = 0; ii < counter; ++ii)
        {
            int jj = ii;
            if (ii < 2)
                continue;
            while (jj > 0)
            {
                jj--;
                if (jj < 3)
                {
                    res += i * j;
                    break;
                }
                else
                {
                    continue;
                }
            }
        }
        return res;
    }

    /// <summary>Clad test/Gradient/Loops.C, fn18: if / else-if-continue / else-break as the whole loop body.</summary>
    [Differentiable]
    public static double CladFn18(double i, double j)
    {
        int choice = 5;
        double res = 0;
        for (int counter = 0; counter < choice; ++counter)
            if (counter < 2)
                res += i + j;
            else if (counter < 4)
                continue;
            else
            {
                res += 2 * i + 2 * j;
                break;
            }
        return res;
    }

    /// <summary>
    /// Clad test/Gradient/Loops.C, f_loop_init_var: a double loop variable starting at an active value and
    /// stepping by an active interval, ∫ x² dx by a left Riemann sum (the bound is kept half a step away
    /// from the last abscissa so the trip count does not depend on rounding).
    /// </summary>
    [Differentiable]
    public static double CladLoopInitVar(double lower, double upper)
    {
        double sum = 0;
        double numPoints = 16;
        double interval = (upper - lower) / numPoints;
        for (double x = lower; x < upper - 0.5 * interval; x += interval)
            sum += x * x * interval;
        return sum;
    }

    private static readonly double[] CladFn36Table = [1, 2, 3];

    /// <summary>Clad test/Gradient/Loops.C, fn36: a loop over a constant array, continue once the sum passes x, else sum += sin(a_i)·x.</summary>
    [Differentiable]
    public static double CladFn36(double x, double y)
    {
        double sum = 0;
        for (int k = 0; k < CladFn36Table.Length; k++)
        {
            double i = CladFn36Table[k];
            if (sum > x)
                continue;
            else
                sum += Math.Sin(i) * x;
        }
        return sum + 0 * y;
    }

    // ---------------------------------------------------------- Clad test/Gradient/FunctionCalls.C

    /// <summary>Clad test/Gradient/FunctionCalls.C, modify1 (by value here): i + j then j + j, returns i + j.</summary>
    [Differentiable]
    public static double Modify1(double i, double j)
    {
        double ii = i + j;
        double jj = j + j;
        double res = ii + jj;
        return res;
    }

    /// <summary>Clad test/Gradient/FunctionCalls.C, fn2: the same callee called twice, the second on the first's result.</summary>
    [Differentiable]
    public static double CladCallsFn2(double i, double j)
    {
        double temp = 0;
        temp = Modify1(i, j);
        temp = Modify1(temp, j) * i;
        return temp;
    }

    /// <summary>Clad test/Gradient/FunctionCalls.C, sum: a float accumulator over a double array.</summary>
    [Differentiable]
    public static float SumAsFloat(ReadOnlySpan<double> arr, int n)
    {
        float res = 0;
        for (int i = 0; i < n; ++i)
            res += (float)arr[i];
        return res;
    }

    /// <summary>Clad test/Gradient/FunctionCalls.C, fn4: res += sum(arr, n), then each element doubled (twice) and added.</summary>
    [Differentiable]
    public static double CladCallsFn4(ReadOnlySpan<double> arr, int n)
    {
        double res = 0;
        res += SumAsFloat(arr, n);
        for (int i = 0; i < n; ++i)
        {
            double twice = 2 * arr[i];
            res += twice * arr[i];
        }
        return res;
    }

    /// <summary>Clad test/Gradient/FunctionCalls.C, custom_max: a ternary max.</summary>
    [Differentiable]
    public static double CustomMax(double a, double b) => a > b ? a : b;

    /// <summary>Clad test/Gradient/FunctionCalls.C, fn9: custom_max(x·y, y).</summary>
    [Differentiable]
    public static double CladCallsFn9(double x, double y) => CustomMax(x * y, y);

    /// <summary>Clad test/Gradient/FunctionCalls.C, fn10: out reassigned through max, min and clamp, times y.</summary>
    [Differentiable]
    public static double CladCallsFn10(double x, double y)
    {
        double @out = x;
        @out = Math.Max(@out, 0.0);
        @out = Math.Min(@out, 10.0);
        @out = Math.Clamp(@out, 3.0, 7.0);
        return @out * y;
    }

    /// <summary>Clad test/Gradient/FunctionCalls.C, fn8: a result scaled by tanh(1)·max(1, 2), calls with constant arguments only.</summary>
    [Differentiable]
    public static double CladCallsFn8(double x, double y) => CustomMax(x, 1.0) * y * Math.Tanh(1.0) * Math.Max(1.0, 2.0);

    // ------------------------------------------------------------ Clad Hessian / Jacobian tests

    /// <summary>Clad test/Hessian/Hessians.C, f_cubed_add1: a³ + b³.</summary>
    [Differentiable]
    public static double CladCubedAdd(double a, double b) => a * a * a + b * b * b;

    /// <summary>Clad test/Hessian/Hessians.C, f_suvat1: u·t − ½·9.81·t².</summary>
    [Differentiable]
    public static double CladSuvat(double u, double t) => u * t - 0.5 * 9.81 * t * t;

    /// <summary>Clad test/Hessian/Hessians.C, f_power10: x¹⁰ by repeated multiplication written out.</summary>
    [Differentiable]
    public static double CladPower10(double x) => x * x * x * x * x * x * x * x * x * x;

    /// <summary>Clad test/Hessian/Hessians.C, f_cond3 shape: a branch on x's sign selecting different products of x and c.</summary>
    [Differentiable]
    public static double CladCond3(double x, double c)
    {
        if (x < 0)
            return -x * x * c;
        return x * x * x * c;
    }

    /// <summary>Clad test/Jacobian/Jacobian.C, f_1: output[0] = a³, output[1] = a³ + b³, output[2] = 10c² − a².</summary>
    [Differentiable]
    public static void CladJacobianF1(double a, double b, double c, Span<double> output)
    {
        output[0] = a * a * a;
        output[1] = a * a * a + b * b * b;
        output[2] = c * c * 10 - a * a;
    }

    /// <summary>Clad test/Jacobian/Jacobian.C, multiply (callee of f_4).</summary>
    [Differentiable]
    public static double Multiply(double x, double y) => x * y;

    /// <summary>Clad test/Jacobian/Jacobian.C, f_4: outputs written from calls of multiply, scaled by a constant.</summary>
    [Differentiable]
    public static void CladJacobianF4(double x, double y, double z, Span<double> result)
    {
        const double constant = 2;
        result[0] = Multiply(x, y) * constant;
        result[1] = Multiply(y, z) * constant;
        result[2] = Multiply(z, x) * constant;
    }

    /// <summary>Clad test/Jacobian/Jacobian.C, f_5: outputs written out of order, output[1] = a, output[0] = a².</summary>
    [Differentiable]
    public static void CladJacobianF5(double a, Span<double> output)
    {
        output[1] = a;
        output[0] = a * a;
    }

    /// <summary>Clad test/Jacobian/Pointers.C shape: outputs updated with +=, -=, *= and /= in a loop over the input span.</summary>
    [Differentiable]
    public static void CladJacobianCompound(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = x[i];
            y[i] += x[(i + 1) % x.Length] * 0.5;
            y[i] *= x[i] + 2;
            y[i] -= Math.Sin(x[i]);
            y[i] /= 1 + x[i] * x[i];
        }
    }

    // -------------------------------------------------------------------- Enzyme integration tests

    /// <summary>Not differentiable: n! in double, called with a constant argument.</summary>
    public static double Factorial(long n)
    {
        double f = 1;
        for (long k = 2; k <= n; k++)
            f *= k;
        return f;
    }

    /// <summary>Enzyme test/Integration/ReverseMode/mycos.c, my_sin: Taylor series of sin with continue on even terms, pow(x, i), a ternary sign.</summary>
    [Differentiable]
    public static double EnzymeMySin(double x)
    {
        double result = 0;
        long n = 12;
        for (long i = 0; i <= n; i++)
        {
            if (i % 2 == 0)
                continue;
            result += Math.Pow(x, i) / Factorial(i) * (i % 4 == 1 ? 1 : -1);
        }
        return result;
    }

    /// <summary>Enzyme test/Integration/ReverseMode/mycos.c, my_sin in float.</summary>
    [Differentiable]
    public static float EnzymeMySinF(float x)
    {
        float result = 0;
        int n = 12;
        for (int i = 0; i <= n; i++)
        {
            if (i % 2 == 0)
                continue;
            result += MathF.Pow(x, i) / (float)Factorial(i) * (i % 4 == 1 ? 1 : -1);
        }
        return result;
    }

    /// <summary>Enzyme test/Integration/ReverseMode/manymax.c, alldiv: a running maximum by if, starting from an active start.</summary>
    [Differentiable]
    public static double EnzymeManyMax(ReadOnlySpan<double> a, int n, double start)
    {
        for (int i = 0; i < n; i++)
        {
            if (a[i] > start)
                start = a[i];
        }
        return start;
    }

    /// <summary>Enzyme test/Integration/ReverseMode/manymax.c, alldiv2: the same from a start of 0.</summary>
    [Differentiable]
    public static double EnzymeManyMax2(ReadOnlySpan<double> a, int n)
    {
        double start = 0.0;
        for (int i = 0; i < n; i++)
        {
            if (a[i] > start)
                start = a[i];
        }
        return start;
    }

    /// <summary>Enzyme test/Integration/ReverseMode/sumtil.c: ret += vec[i]; break once ret passes 15; ret += vec[i] again.</summary>
    [Differentiable]
    public static double EnzymeSumTil(ReadOnlySpan<double> vec, int size)
    {
        double ret = 0.0;
        for (int i = 0; i < size; i++)
        {
            ret += vec[i];
            if (ret > 15)
                break;
            ret += vec[i];
        }
        return ret;
    }

    /// <summary>Enzyme test/Integration/ForwardMode/sumtil2.c (without its vec[i] = 0, an input here): the same with squares and a bound of 30.</summary>
    [Differentiable]
    public static double EnzymeSumTil2(ReadOnlySpan<double> vec, int size)
    {
        double ret = 0.0;
        for (int i = 0; i < size; i++)
        {
            ret += vec[i] * vec[i];
            if (ret > 30)
                break;
            ret += vec[i] * vec[i];
        }
        return ret;
    }

    /// <summary>Enzyme test/Integration/ReverseMode/taylorlog.c: Σ_{i=1..n} xⁱ by pow (the test takes n = 10000 at x = ½, derivative 4).</summary>
    [Differentiable]
    public static double EnzymeTaylorLog(double x, int sincosn)
    {
        double sum = 0;
        for (int i = 1; i <= sincosn; i++)
            sum += Math.Pow(x, i);
        return sum;
    }

    /// <summary>Enzyme test/Integration/ReverseMode/readwriteread.c, f_read: x·x.</summary>
    [Differentiable]
    public static double FRead(double x) => x * x;

    /// <summary>
    /// Enzyme test/Integration/ReverseMode/readwriteread.c: product = f_read(x); x = x·product (g_write, into a
    /// work span here); ret = work (h_read), read back from the span just written.
    /// </summary>
    [Differentiable]
    public static void EnzymeReadWriteRead(ReadOnlySpan<double> x, Span<double> work, Span<double> ret)
    {
        double product = FRead(x[0]);
        work[0] = x[0] * product;
        double value = work[0];
        ret[0] = value + work[0] * x[1];
    }

    /// <summary>
    /// Enzyme test/Integration/ReverseMode/rwrloop.c shape: a[i·m + j] /= (i + 1) in place (in a work span, one flat
    /// loop: the nested one is refused for reading the output, AG0007), then Σ a² read back from the span.
    /// </summary>
    [Differentiable]
    public static double EnzymeRwrLoop(ReadOnlySpan<double> a, int rows, Span<double> work)
    {
        int m = a.Length / rows;
        double sum = 0;
        for (int idx = 0; idx < a.Length; idx++)
        {
            int i = idx / m;
            work[idx] = a[idx];
            work[idx] /= i + 1;
            work[idx] *= work[idx] + 1;
            sum += work[idx] * work[idx];
        }
        return sum;
    }

    /// <summary>Enzyme test/Integration/ReverseMode/loopstriple.c shape: three nested loops accumulating into one scalar.</summary>
    [Differentiable]
    public static double EnzymeLoopsTriple(double x, double y)
    {
        double sum = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                for (int k = 0; k < 2; k++)
                    sum += x * (i + 1) + y * j - k * x * y;
                sum *= 0.5;
            }
            sum -= y / (i + 2);
        }
        return sum;
    }

    /// <summary>Enzyme test/Integration/ReverseMode/manydiv.c shape: a value divided in a loop by expressions of the inputs.</summary>
    [Differentiable]
    public static double EnzymeManyDiv(double x, double y)
    {
        double value = x;
        for (int i = 1; i <= 4; i++)
        {
            value /= y + i;
            value += x / i;
        }
        return value;
    }

    // ----------------------------------------------------------------- ADBench / gradbench

    /// <summary>gradbench llsq: ½·Σ_i (sign(t_i) − Σ_j x_j·t_iʲ)² with t_i = −1 + 2i/(n − 1).</summary>
    [Differentiable]
    public static double GradbenchLlsq(ReadOnlySpan<double> x, int n)
    {
        int m = x.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double ti = -1 + i * 2.0 / (n - 1);
            double target = Math.Sign(ti);
            double power = 1;
            double s = 0;
            for (int j = 0; j < m; j++)
            {
                s += x[j] * power;
                power *= ti;
            }
            sum += (target - s) * (target - s);
        }
        return sum / 2;
    }

    /// <summary>gradbench lse: log Σ exp(x_i), shifted by the maximum found in a first loop.</summary>
    [Differentiable]
    public static double GradbenchLse(ReadOnlySpan<double> x)
    {
        double max = x[0];
        for (int i = 1; i < x.Length; i++)
            max = Math.Max(max, x[i]);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
            sum += Math.Exp(x[i] - max);
        return Math.Log(sum) + max;
    }

    /// <summary>gradbench kmeans: Σ_i min_k ‖p_i − c_k‖², points fixed, centroids active (d = 2).</summary>
    [Differentiable]
    public static double GradbenchKMeans([NoDiff] ReadOnlySpan<double> points, ReadOnlySpan<double> centroids)
    {
        const int d = 2;
        int n = points.Length / d;
        int k = centroids.Length / d;
        double cost = 0;
        for (int i = 0; i < n; i++)
        {
            double best = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double dist = 0;
                for (int e = 0; e < d; e++)
                {
                    double diff = points[i * d + e] - centroids[c * d + e];
                    dist += diff * diff;
                }
                if (dist < best)
                    best = dist;
            }
            cost += best;
        }
        return cost;
    }

    /// <summary>ADBench LSTM, sigmoid.</summary>
    [Differentiable]
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>
    /// ADBench LSTM objective, one layer of hidden size h over a short sequence: gates from weights and biases,
    /// cell and hidden state carried across steps, prediction scored by log-softmax against the next input.
    /// Layout of w: 4 gates × (weight, bias) × h, then output weight and bias (h each).
    /// </summary>
    [Differentiable]
    public static double AdbenchLstm(ReadOnlySpan<double> w, [NoDiff] ReadOnlySpan<double> sequence, int h)
    {
        double total = 0;
        int count = 0;
        double hidden0 = 0, hidden1 = 0, cell0 = 0, cell1 = 0;
        int steps = sequence.Length / h;
        for (int t = 0; t < steps - 1; t++)
        {
            double nextHidden0 = 0, nextHidden1 = 0;
            for (int j = 0; j < h; j++)
            {
                double input = sequence[t * h + j];
                double state = j == 0 ? hidden0 : hidden1;
                double cell = j == 0 ? cell0 : cell1;
                double forget = Sigmoid(input * w[j] + w[h + j]);
                double ingate = Sigmoid(state * w[2 * h + j] + w[3 * h + j]);
                double outgate = Sigmoid(input * w[4 * h + j] + w[5 * h + j]);
                double change = Math.Tanh(state * w[6 * h + j] + w[7 * h + j]);
                cell = cell * forget + ingate * change;
                double hid = outgate * Math.Tanh(cell);
                if (j == 0) { cell0 = cell; nextHidden0 = hid; }
                else { cell1 = cell; nextHidden1 = hid; }
            }
            hidden0 = nextHidden0;
            hidden1 = nextHidden1;
            double y0 = hidden0 * w[8 * h] + w[9 * h];
            double y1 = hidden1 * w[8 * h + 1] + w[9 * h + 1];
            double lse = Math.Log(Math.Exp(y0) + Math.Exp(y1) + 2);
            total += (y0 - lse) * sequence[(t + 1) * h] + (y1 - lse) * sequence[(t + 1) * h + 1];
            count += h;
        }
        return -total / count;
    }

    /// <summary>
    /// ADBench GMM objective with diagonal covariances (d = 2): Σ_i logsumexp_k(α_k + Σ log q_k − ½‖Q_k(x_i − μ_k)‖²)
    /// − n·logsumexp(α) + a Wishart-style prior on q. Parameters: alphas (k), means (k·d), log-q (k·d).
    /// </summary>
    [Differentiable]
    public static double AdbenchGmm(ReadOnlySpan<double> alphas, ReadOnlySpan<double> means, ReadOnlySpan<double> logQ, [NoDiff] ReadOnlySpan<double> x)
    {
        const int d = 2;
        int k = alphas.Length;
        int n = x.Length / d;
        double slse = 0;
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                double main = MainTerm(alphas[c], means[c * d], means[c * d + 1], logQ[c * d], logQ[c * d + 1], x[i * d], x[i * d + 1]);
                max = Math.Max(max, main);
            }
            double sum = 0;
            for (int c = 0; c < k; c++)
                sum += Math.Exp(MainTerm(alphas[c], means[c * d], means[c * d + 1], logQ[c * d], logQ[c * d + 1], x[i * d], x[i * d + 1]) - max);
            slse += Math.Log(sum) + max;
        }
        double alphaMax = double.NegativeInfinity;
        for (int c = 0; c < k; c++)
            alphaMax = Math.Max(alphaMax, alphas[c]);
        double alphaSum = 0;
        for (int c = 0; c < k; c++)
            alphaSum += Math.Exp(alphas[c] - alphaMax);
        double prior = 0;
        for (int e = 0; e < k * d; e++)
            prior += 0.5 * Math.Exp(2 * logQ[e]) - logQ[e];
        return slse - n * (Math.Log(alphaSum) + alphaMax) + prior;
    }

    /// <summary>ADBench GMM, one component's term: α + Σ log q − ½ Σ (q·(x − μ))².</summary>
    [Differentiable]
    public static double MainTerm(double alpha, double mu0, double mu1, double lq0, double lq1, [NoDiff] double x0, [NoDiff] double x1)
    {
        double a = Math.Exp(lq0) * (x0 - mu0);
        double b = Math.Exp(lq1) * (x1 - mu1);
        return alpha + lq0 + lq1 - 0.5 * (a * a + b * b);
    }

    /// <summary>
    /// ADBench BA, compute_reproj_error for one observation: Rodrigues rotation of X by the camera's axis-angle,
    /// translation, projection, radial distortion, focal length and principal point; two residuals written out.
    /// cam = (r0, r1, r2, c0, c1, c2, f, x0, y0, k1, k2).
    /// </summary>
    [Differentiable]
    public static void AdbenchBaReprojection(ReadOnlySpan<double> cam, ReadOnlySpan<double> point, double w, [NoDiff] ReadOnlySpan<double> feature, Span<double> err)
    {
        double px = point[0] - cam[3];
        double py = point[1] - cam[4];
        double pz = point[2] - cam[5];
        double sqtheta = cam[0] * cam[0] + cam[1] * cam[1] + cam[2] * cam[2];
        double rx, ry, rz;
        if (sqtheta != 0)
        {
            double theta = Math.Sqrt(sqtheta);
            double costheta = Math.Cos(theta);
            double sintheta = Math.Sin(theta);
            double thetaInverse = 1.0 / theta;
            double wx = cam[0] * thetaInverse, wy = cam[1] * thetaInverse, wz = cam[2] * thetaInverse;
            double crossX = wy * pz - wz * py;
            double crossY = wz * px - wx * pz;
            double crossZ = wx * py - wy * px;
            double tmp = (wx * px + wy * py + wz * pz) * (1 - costheta);
            rx = px * costheta + crossX * sintheta + wx * tmp;
            ry = py * costheta + crossY * sintheta + wy * tmp;
            rz = pz * costheta + crossZ * sintheta + wz * tmp;
        }
        else
        {
            rx = px + cam[1] * pz - cam[2] * py;
            ry = py + cam[2] * px - cam[0] * pz;
            rz = pz + cam[0] * py - cam[1] * px;
        }
        double projX = rx / rz;
        double projY = ry / rz;
        double rsq = projX * projX + projY * projY;
        double l = 1 + cam[9] * rsq + cam[10] * rsq * rsq;
        err[0] = w * (cam[6] * l * projX + cam[7] - feature[0]);
        err[1] = w * (cam[6] * l * projY + cam[8] - feature[1]);
    }

    /// <summary>ADBench BA, compute_zach_weight_error: 1 − w².</summary>
    [Differentiable]
    public static double AdbenchZachWeight(double w) => 1 - w * w;

    /// <summary>
    /// gradbench ode shape: y' = (−y_0·k, y_0·k − y_1), integrated by Runge-Kutta 4 with a fixed step; every state
    /// is written to the output (a scan through two carried scalars).
    /// </summary>
    [Differentiable]
    public static void GradbenchOde(double y0, double y1, double k, int steps, Span<double> trajectory)
    {
        double h = 1.0 / steps;
        double a = y0, b = y1;
        for (int s = 0; s < steps; s++)
        {
            double k1a = -a * k, k1b = a * k - b;
            double a2 = a + 0.5 * h * k1a, b2 = b + 0.5 * h * k1b;
            double k2a = -a2 * k, k2b = a2 * k - b2;
            double a3 = a + 0.5 * h * k2a, b3 = b + 0.5 * h * k2b;
            double k3a = -a3 * k, k3b = a3 * k - b3;
            double a4 = a + h * k3a, b4 = b + h * k3b;
            double k4a = -a4 * k, k4b = a4 * k - b4;
            a += h / 6 * (k1a + 2 * k2a + 2 * k3a + k4a);
            b += h / 6 * (k1b + 2 * k2b + 2 * k3b + k4b);
            trajectory[2 * s] = a;
            trajectory[2 * s + 1] = b;
        }
    }

    // -------------------------------------------- Clad Gradient/Gradients.C and FirstDerivative tests

    /// <summary>Clad test/Gradient/Gradients.C, f_norm: √(x² + y² + z²).</summary>
    [Differentiable]
    public static double CladNorm(double x, double y, double z) => Math.Sqrt(x * x + y * y + z * z);

    /// <summary>Clad test/FirstDerivative/FunctionCalls.C shape: a chain of three differentiable calls (Outer → Middle → Inner).</summary>
    [Differentiable]
    public static double ChainInner(double x) => Math.Exp(-x * x) + x;

    /// <summary>Clad test/FirstDerivative/FunctionCalls.C shape: the middle of the three-deep call chain, calls ChainInner twice.</summary>
    [Differentiable]
    public static double ChainMiddle(double x, double y) => ChainInner(x * y) * ChainInner(y);

    /// <summary>Clad test/FirstDerivative/FunctionCalls.C shape: the outer end of the call chain, the same call twice in one expression.</summary>
    [Differentiable]
    public static double ChainOuter(double x, double y) => Math.Log(1 + ChainMiddle(x, y) * ChainMiddle(x, y));

    /// <summary>
    /// Clad test/FirstDerivative/CallArguments.C shape: three calls deep, a local named like a callee (sq), one named
    /// result, and a callee called in a loop with the loop's value.
    /// </summary>
    [Differentiable]
    public static double CladCallChain(double x, double y)
    {
        double sq = Sq(x);
        double result = ChainOuter(x, y);
        for (int i = 0; i < 3; i++)
            result += ChainOuter(result * 0.1, sq);
        return result;
    }

    /// <summary>Clad test/ForwardMode/Loops.C, f1: r = r·x, y (int) times.</summary>
    [Differentiable]
    public static double CladFwdPow(double x, int y)
    {
        double r = 1.0;
        for (int i = 0; i < y; i++)
            r = r * x;
        return r;
    }

    /// <summary>Clad test/ForwardMode/Loops.C, f3 shape: r = r·sin(x) in nested loops whose bound depends on the outer counter.</summary>
    [Differentiable]
    public static double CladFwdTriangle(double x, int n)
    {
        double r = 1.0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                r = r * Math.Sin(x) + Math.Cos(x * j);
        return r;
    }

    /// <summary>Clad test/Gradient/Switch.C fn1 (switch, not supported, written as an if/else chain on an int computed from x).</summary>
    [Differentiable]
    public static double CladSwitchAsIf(double x, double y)
    {
        double res = 0;
        int kind = (int)Math.Floor(x) % 3;
        if (kind == 0)
            res = x * y;
        else if (kind == 1)
            res = x + y * y;
        else
            res = Math.Abs(x - y);
        res += kind * y;
        return res;
    }

    /// <summary>Clad test/Gradient/Gradients.C, f_atan2 / f_abs style: atan2(y, x)·|x − y| with min/max mixed in.</summary>
    [Differentiable]
    public static double CladAtan2Abs(double x, double y)
    {
        double value = Math.Atan2(y, x) * Math.Abs(x - y);
        value += Math.Max(x, y) * Math.Min(x * y, 1.0);
        return value;
    }

    /// <summary>Clad test/Gradient/TestAgainstDiff.C style: a compound expression with repeated subexpressions and a local reassigned many times.</summary>
    [Differentiable]
    public static double CladRepeated(double x, double y)
    {
        double t = x * y;
        t = t * t + t;
        t = Math.Sin(t) + t * Math.Cos(t);
        t = t / (1 + t * t) + x;
        t -= y * t;
        t *= t;
        return t + (x * y) * (x * y) - Math.Exp(x * y) / (1 + Math.Exp(x * y));
    }

    /// <summary>Clad test/Gradient/Gradients.C f_float: a float method with MathF (sin, exp, sqrt, tanh, atan2, pow with variable exponent).</summary>
    [Differentiable]
    public static float CladFloatMix(float x, float y)
    {
        float value = MathF.Sin(x) * MathF.Exp(-y * y);
        value += MathF.Sqrt(1 + x * x) * MathF.Tanh(y);
        value -= MathF.Atan2(y, 1 + x * x);
        value += MathF.Pow(1.5f + x * x, y);
        return value;
    }

    /// <summary>Clad test/Gradient/Loops.C f_log_gaus in float: a float loop over spans with Pow and Log.</summary>
    [Differentiable]
    public static float CladLogGausF(ReadOnlySpan<float> x, ReadOnlySpan<float> p, float sigma)
    {
        float power = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float diff = x[i] - p[i];
            power += diff * diff;
        }
        power = -power / (2 * sigma * sigma);
        float gaus = 1.0f / MathF.Sqrt(MathF.Pow(2 * MathF.PI, x.Length) * sigma) * MathF.Exp(power);
        return MathF.Log(gaus);
    }

    /// <summary>
    /// Clad test/Gradient/Loops.C, variables used before and after a loop: a value read before the loop, updated in
    /// it with *= and /=, an int mixed into the arithmetic, and read again after.
    /// </summary>
    [Differentiable]
    public static double CladBeforeAfter(double x, double y)
    {
        double before = x * y;
        double value = before;
        int steps = 0;
        for (int i = 1; i < 5; i++)
        {
            value *= 1 + x / i;
            value /= 1 + y * y;
            steps += i * 2;
        }
        double after = value * before + steps * x;
        return after - before / steps;
    }

    /// <summary>Clad test/Gradient/Loops.C, f5 as written there: the parameter itself incremented ten times, x + 10.</summary>
    [Differentiable]
    public static double CladF5Parameter(double x)
    {
        for (int i = 0; i < 10; i++)
            x++;
        return x;
    }

    /// <summary>Clad test/Gradient/ArrayInputsReverseMode.C, addArr: Σ arr[i] for i &lt; n.</summary>
    [Differentiable]
    public static double AddArr(ReadOnlySpan<double> arr, int n)
    {
        double ret = 0;
        for (int i = 0; i < n; i++)
            ret += arr[i];
        return ret;
    }

    /// <summary>Clad test/Gradient/ArrayInputsReverseMode.C, f and func2 shapes: addArr of the span and of a slice, times a sum of squares.</summary>
    [Differentiable]
    public static double CladArrayInputs(ReadOnlySpan<double> arr)
    {
        double tem = 0;
        for (int i = 0; i < 3; i++)
            tem += arr[i] * arr[i];
        return AddArr(arr, 3) * tem + AddArr(arr.Slice(1), 2) + AddArr(arr[2..], 1) * arr[0];
    }

    /// <summary>
    /// Clad test/FirstDerivative/BuiltinDerivatives.C: the Math functions it covers in one expression — log with a base,
    /// log10, log2, cbrt, asin, acos, atan, sinh, cosh, fma, tan, and round/truncate/ceiling/sign (derivative zero).
    /// </summary>
    [Differentiable]
    public static double CladBuiltins(ReadOnlySpan<double> x)
    {
        double a = Math.Log(x[0] * x[0] + 1, 3.0) + Math.Log10(1 + x[1] * x[1]) + Math.Log2(2 + x[2]);
        double b = Math.Cbrt(x[3] + 5) * Math.Asin(x[4] * 0.5) + Math.Acos(x[5] * 0.3) * Math.Atan(x[0]);
        double c = Math.Sinh(x[1]) - Math.Cosh(x[2] * 0.5) + Math.FusedMultiplyAdd(x[3], x[4], x[5]);
        double d = Math.Round(x[0]) * x[1] + Math.Truncate(x[2] * 3) * x[3] + Math.Ceiling(x[4]) * x[5] + Math.Sign(x[0]) * x[2];
        return a * b + c * d + Math.Tan(x[5] * 0.5);
    }

    /// <summary>Clad test/FirstDerivative/BuiltinDerivatives.C, fmod: (x % y)·z + (w % 0.7), then %= inside a chain of compound updates.</summary>
    [Differentiable]
    public static double CladFmod(ReadOnlySpan<double> x)
    {
        double s = (x[0] % x[1]) * x[2] + (x[3] % 0.7);
        s %= 2.5;
        s *= x[1];
        s -= x[2];
        s /= 1 + x[3] * x[3];
        return s;
    }

    /// <summary>Clad test/Gradient/FunctionCalls.C, nested calls: calls as arguments of calls, three deep, the same callee many times.</summary>
    [Differentiable]
    public static double CladNestedCalls(double x, double y, double z)
        => ChainMiddle(Sq(ChainMiddle(x, Sq(y))), ChainInner(z)) + Sq(Sq(Sq(z * 0.5)));

    // Branches that read an output element their own loop overwrites (found by this suite: the
    // adjoint recomputed the condition from the output's final contents; now the condition is kept).

    /// <summary>Clip into an output: w[i] = x[i], then 1 where that is above 1 (the condition reads w[i] before the branch overwrites it).</summary>
    [Differentiable]
    public static void ClipIntoOutput(ReadOnlySpan<double> x, Span<double> w)
    {
        for (int i = 0; i < x.Length; i++)
        {
            w[i] = x[i];
            if (w[i] > 1)
                w[i] = 1;
        }
    }

    /// <summary>The clip as a conditional expression of the output element itself.</summary>
    [Differentiable]
    public static void ClipByConditional(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * 2;
            y[i] = y[i] > 1 ? 1 : y[i];
        }
    }

    /// <summary>
    /// The other arm of the conditional depends on the input (fuzzer seed 240): the value merged after the
    /// branch is kept only where it was read from the output, and restored only there.
    /// </summary>
    [Differentiable]
    public static void SmoothUnderConditional(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * 2;
            y[i] = y[i] < 1 ? Math.Exp(Math.Tanh(-x[i]) * 2) : y[i];
        }
    }

    /// <summary>Returns x[i] at the first y[i] = 3·x[i] above 2, after zeroing that output element.</summary>
    [Differentiable]
    public static double ReturnAtOutputAbove(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * 3;
            if (y[i] > 2)
            {
                y[i] = 0;
                return x[i];
            }
        }
        return 0;
    }

    /// <summary>Enzyme integration/manymax, into an output: the running maximum kept in y[0].</summary>
    [Differentiable]
    public static void RunningMaxIntoOutput(ReadOnlySpan<double> x, Span<double> y)
    {
        y[0] = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            if (x[i] > y[0])
                y[0] = x[i];
        }
    }

    /// <summary>Enzyme integration/insertsort_sum, one bubble pass in an output: adjacent elements swapped when out of order, then the first two summed with weights.</summary>
    [Differentiable]
    public static double BubblePassWeighted(ReadOnlySpan<double> x, Span<double> a)
    {
        for (int i = 0; i < x.Length; i++)
            a[i] = x[i];
        for (int i = 0; i + 1 < a.Length; i++)
        {
            if (a[i] < a[i + 1])
            {
                double t = a[i];
                a[i] = a[i + 1];
                a[i + 1] = t;
            }
        }
        return 2 * a[0] + a[1];
    }

    /// <summary>A bool local computed from an output element, read by a later branch.</summary>
    [Differentiable]
    public static void FlagFromOutput(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * x[i];
            bool big = y[i] > 1;
            y[i] = 0.5 * y[i];
            if (big)
                y[i] = y[i] + x[i];
        }
    }

    /// <summary>Tapenade's classic fixed-point iteration: Newton's method for √a, the iterate read and rewritten each step.</summary>
    [Differentiable]
    public static double NewtonSqrt(double a)
    {
        double x = a;
        for (int k = 0; k < 30; k++)
            x = 0.5 * (x + a / x);
        return x;
    }

    /// <summary>Clad's nested loops with a break out of the inner one, its bound the outer counter.</summary>
    [Differentiable]
    public static double NestedBreakSum(double x)
    {
        double r = 0;
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                if (j > i)
                    break;
                r += x * (i + j) + Math.Sin(x * j);
            }
        }
        return r;
    }

    /// <summary>The Huber loss as a person writes it: a conditional on |r| ≤ δ, both arms differentiable.</summary>
    [Differentiable]
    public static double Huber(double r, double delta)
        => Math.Abs(r) <= delta ? 0.5 * r * r : delta * (Math.Abs(r) - 0.5 * delta);

    /// <summary>Every compound assignment in a row, on a parameter and a local.</summary>
    [Differentiable]
    public static double CompoundChain(double x, double y)
    {
        double t = x;
        t *= y;
        t += x;
        t -= 0.5 * y;
        t /= 1 + y * y;
        x *= t;
        x -= y;
        return x + t;
    }
}
