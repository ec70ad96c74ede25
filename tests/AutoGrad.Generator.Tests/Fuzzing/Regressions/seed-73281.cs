// Fixed: found by the long run of 2026-12-07 (AG9999 in the tests, where the IR verifier runs): inlining
// t = a1Bar into a1Bar = t left a1Bar = a1Bar in a reverse loop. Inlining now drops the pair (and the loop
// stops carrying a1Bar). Release builds, without the verifier, emitted nothing for it; no number was wrong.
// Differential-fuzzing regression, minimized. seed: 73281
// It failed the check 'generator diagnostic':
//   the generator reported /fuzz/M73281r2c0.cs(9,26): error AG9999: AutoGrad failed while generating the derivatives of 'F' and generated nothing for it: The IR after adjoint/simplify/inline/inline is broken: a1Bar#176 is assigned to itself
//   method FAdjoint(a0#0: double, [nodiff] ref a0Bar#170: double adjoint, a1#1: double, [nodiff] ref a1Bar#171: double adjoint, a2#2: double, [nodiff] ref a2Bar#172: double adjoint, [nodiff] c0#3: double, [nodiff] resultBar#169: double adjoint = 1.0): double
//     locals iterations#177: int temporary, k4#8: int, v3#9: double, a1#10: double, iteration#178: int temporary, k4#11: int, converted#14: double temporary, v3#16: double, v3Kept#180: double[] temporary, product#22: double temporary, sum#25: double temporary, v3#26: double, tanh#27: double temporary, sum#29: double temporary, iterations#216: int temporary, s5#33: double, a1#34: double, a2#35: double, length#36: int, broke#37: bool temporary, returned#38: bool temporary, result#39: double temporary, iteration#217: int temporary, s5#45: double, i7#49: int, a2#48: double, a2#55: double, broke#63: bool temporary, i9#62: int, a1#60: double, a2#61: double, a1#66: double, atan2#82: double temporary, i7#90: int, a2#89: double, a2#96: double, choice#80: double temporary, broke#104: bool temporary, i9#103: int, a1#101: double, a2#102: double, a1#107: double, k8#122: int, a1#123: double, a2#124: double, k8#125: int, a1#126: double, log2#129: double temporary, broke#144: bool temporary, i9#143: int, a1#141: double, a2#142: double, a1#147: double, s5Kept#219: double[] temporary, a1Kept#220: double[] temporary, a2Kept#221: double[] temporary, result#168: double temporary, sum#161: double temporary, sum#164: double temporary, v3Bar#207: double adjoint, s5Bar#212: double adjoint, a1Bar#213: double adjoint, a2Bar#214: double adjoint, resultBar#215: double adjoint, sumBar#572: double adjoint, iteration#218: int temporary, a1#477: double, s5#439: double, sum#431: double temporary, length#479: int, a2#478: double, branchTaken#435: bool temporary, branchTaken#436: bool temporary, branchTaken#437: bool temporary, i7#443: int, a2#442: double, a2#450: double, s5#434: double, broke#459: bool temporary, i9#458: int, iterations#455: int temporary, iteration#460: int temporary, a1#456: double, a2#457: double, a1#463: double, branchTaken#481: bool temporary, sum#482: double temporary, atan2#483: double temporary, sum#487: double temporary, i7#491: int, a2#490: double, a2#498: double, choice#480: double temporary, broke#507: bool temporary, i9#506: int, iterations#503: int temporary, iteration#508: int temporary, a1#504: double, a2#505: double, a1#511: double, k8#527: int, a1#528: double, iterations#526: int temporary, a2#529: double, k8#531: int, a1#532: double, log2#535: double temporary, branchTaken#544: bool temporary, broke#554: bool temporary, i9#553: int, iterations#550: int temporary, iteration#555: int temporary, a1#551: double, a2#552: double, a1#558: double, s5Bar#230: double adjoint, iteration#254: int temporary, a1Kept#255: double[] temporary, a2Kept#256: double[] temporary, a2#282: double, a1#273: double, negated#269: double temporary, i9#283: int, a1#270: double, branchTaken#271: bool temporary, branchTaken#275: bool temporary, a1Bar#260: double adjoint, a1Bar#250: double adjoint, a2Bar#251: double adjoint, branchTaken#284: bool temporary, productBar#258: double adjoint, i7#234: int, a2Bar#231: double adjoint, a2Bar#238: double adjoint, iteration#323: int temporary, a1Kept#324: double[] temporary, a2Kept#325: double[] temporary, a2#351: double, a1#342: double, negated#338: double temporary, i9#352: int, a1#339: double, branchTaken#340: bool temporary, branchTaken#344: bool temporary, a1Bar#329: double adjoint, a1Bar#319: double adjoint, a2Bar#320: double adjoint, branchTaken#353: bool temporary, productBar#327: double adjoint, i7#303: int, a2Bar#300: double adjoint, a2Bar#307: double adjoint, a1Bar#299: double adjoint, atan2Bar#293: double adjoint, a2Bar#361: double adjoint, a1Bar#360: double adjoint, resultBar#386: double adjoint, iteration#391: int temporary, a1Kept#392: double[] temporary, a2Kept#393: double[] temporary, a2#419: double, a1#410: double, negated#406: double temporary, i9#420: int, a1#407: double, branchTaken#408: bool temporary, branchTaken#412: bool temporary, a1Bar#397: double adjoint, a1Bar#387: double adjoint, a2Bar#388: double adjoint, branchTaken#421: bool temporary, productBar#395: double adjoint, iteration#364: int temporary, a1Bar#368: double adjoint, log2#374: double temporary, a1Bar#176: double adjoint, productBar#203: double adjoint, v3Bar#175: double adjoint, iteration#179: int temporary, v3Bar#188: double adjoint, sum#190: double temporary, v3#201: double
//     iterations#177 = 0
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed73281
{
    [Differentiable]
    public static double F(double a0, double a1, double a2, [NoDiff] double c0)
    {
        double v3 = (Math.Cbrt(c0 + 0.3) - a2);
        int k4 = 0;
        while (k4 < 6 && v3 < (a1 < 0.1 ? a1 : c0))
        {
            k4++;
            v3 = (Math.Atan2(v3, a0 + 0.3) - (((double)k4) + 0.1));
            a1 -= (a1 - (((double)k4) + a1));
            v3 -= a0;
        }
        v3 /= (a2 * v3) * (a2 * v3) + 1.0;
        a2 *= (1.0 + 0.5 * Math.Tanh(v3));
        double s5 = 0.0;
        for (int length = 0; length <= 2; length++)
        {
            s5 = s5 * 0.5 + (-Math.Log2(a1 * a1 + 2.0));
            if ((Math.Round(Math.Tanh((v3 + a0)) * 2.0) * Math.FusedMultiplyAdd(c0, ((double)length), a2)) <= 3.0)
            {
                if (Math.Clamp(Math.Clamp(a2, (-1.0), 1.5), a1, a1 + 1.0) <= 3.0)
                {
                    if ((a0 - c0) > (c0 / (Math.Exp(Math.Tanh(((double)length))) + 0.25)))
                    {
                        break;
                    }
                }
                else
                {
                    a1 = (length % 2 == 0 ? a1 : Math.Log(Math.Atan2(a0, a1 + 0.3) * Math.Atan2(a0, a1 + 0.3) + 1.0));
                }
                for (int i7 = 0; i7 < 4; i7++)
                {
                    a2 *= (1.0 + 0.5 * Math.Tanh((c0 - (-c0))));
                    a2 = a2 * 0.5 + s5;
                }
            }
            else
            {
                int k8 = 0;
                while (k8 < 4 && Math.Abs(a1) > 0.1)
                {
                    k8++;
                    a1 = a2;
                    a1 /= Math.Log2(c0 * c0 + 2.0) * Math.Log2(c0 * c0 + 2.0) + 1.0;
                    a2 -= ((double)k8);
                }
                if (a2 <= 2.0)
                {
                    return (v3 + a0);
                }
            }
            for (int i9 = 0; i9 < 2; i9++)
            {
                a1 = Math.Max(a1, (-(a0 * a2)));
                if ((c0 < 1.5 ? (-2.0) : ((double)i9)) > (a1 * a0))
                {
                    break;
                }
                if (Math.Tanh(a2) < a2)
                {
                    double t10 = (a1 - Math.Log((-2.0) * (-2.0) + 1.0, 3.0));
                }
                else
                {
                    if (!(s5 > (-2.0)))
                    {
                        continue;
                    }
                }
                a2 += ((c0 * (-2.0)) - a1);
            }
        }
        return ((Math.Pow((a0 + s5) * (a0 + s5) + 0.5, (-0.5)) - c0) + a0);
    }
}
