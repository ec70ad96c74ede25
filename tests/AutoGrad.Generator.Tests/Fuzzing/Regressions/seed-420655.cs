// Differential-fuzzing regression, minimized. seed: 420655
// It failed the check 'generator diagnostic':
//   the generator reported /fuzz/M420655r26c15.cs(11,26): error AG9999: AutoGrad failed while generating the derivatives of 'H0' and generated nothing for it: The IR after primal/fold-constant-branches is broken: broke#7 is carried by a loop that never assigns it
//   method H0(a0#0: double, tmp#1: double, [nodiff] x#2: double, m0#3: int): double
//     locals n0#4: int, i8#5: int, i8#6: int, broke#7: bool temporary, i8#9: int, result#10: double temporary
//     n0#4 = m0#3
using System;
using AutoGrad;

namespace Fuzz;

public enum Seed420655Mode { A, B, C, D }

public static partial class Seed420655
{
    [Differentiable]
    public static double H0(double a0, double tmp, [NoDiff] double x, Seed420655Mode m0)
    {
        int n0 = (int)m0;
        for (int i8 = 0; i8 < n0; i8++)
        {
            if (x > (true ? x : 1.0))
            {
                break;
            }
        }
        return 1.0;
    }

    [Differentiable]
    public static double F(double a0, double tmp, [NoDiff] double x, int n0)
    {
        static double lf0(double q0) => 1.0;
        double sumBar = 1.0;
        return lf0(sumBar);
    }
}
