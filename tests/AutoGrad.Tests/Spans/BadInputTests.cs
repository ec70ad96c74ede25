using System;
using System.Linq;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using L = AutoGrad.Tests.Spans.Functions.SpanLosses;
using O = AutoGrad.Tests.Spans.Functions.OutputSpans;
using S = AutoGrad.Tests.Spans.Functions.SpanLoops;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// Spans the method's indexing cannot satisfy, and partners whose length differs from their
/// parameter's, raise ArgumentException naming the parameter before anything is written: the bars,
/// tangents and outputs keep their sentinel values.
/// </summary>
public class BadInputTests
{
    private const double Sentinel = 7.25;

    [Fact]
    public void Mse_adjoint_with_y_shorter_than_pred_names_y_and_writes_nothing()
    {
        double[] pred = [1, 2, 3, 4];
        double[] y = [1, 2, 3];
        double[] predBar = Filled(4);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => L.MseAdjoint(pred, predBar, y));

        Assert.Equal("y", e.ParamName);
        Assert.All(predBar, v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void Mse_forward_with_y_shorter_than_pred_names_y()
    {
        double[] pred = [1, 2, 3, 4];
        double[] y = [1, 2, 3];

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => L.MseForward(pred, new double[4], y, out _));

        Assert.Equal("y", e.ParamName);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(5)]
    public void Mse_adjoint_with_pred_bar_of_another_length_names_pred_bar_and_writes_nothing(int barLength)
    {
        double[] pred = [1, 2, 3, 4];
        double[] y = [0.5, 2.5, 3, 1];
        double[] predBar = Filled(barLength);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => L.MseAdjoint(pred, predBar, y));

        Assert.Equal("predBar", e.ParamName);
        Assert.All(predBar, v => Assert.Equal(Sentinel, v));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Mse_forward_with_pred_dot_of_another_length_names_pred_dot(int dotLength)
    {
        double[] pred = [1, 2, 3, 4];
        double[] y = [0.5, 2.5, 3, 1];

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => L.MseForward(pred, new double[dotLength], y, out _));

        Assert.Equal("predDot", e.ParamName);
    }

    [Fact]
    public void Dot_adjoint_with_x_shorter_than_w_names_x_and_writes_neither_bar()
    {
        double[] w = [1, 2, 3];
        double[] x = [1, 2];
        double[] wBar = Filled(3), xBar = Filled(2);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => L.DotAdjoint(w, wBar, x, xBar));

        Assert.Equal("x", e.ParamName);
        Assert.All(wBar, v => Assert.Equal(Sentinel, v));
        Assert.All(xBar, v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void Dot_adjoint_with_x_bar_shorter_than_x_names_x_bar_and_writes_neither_bar()
    {
        double[] w = [1, 2, 3];
        double[] x = [4, 5, 6];
        double[] wBar = Filled(3), xBar = Filled(2);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => L.DotAdjoint(w, wBar, x, xBar));

        Assert.Equal("xBar", e.ParamName);
        Assert.All(wBar, v => Assert.Equal(Sentinel, v));
        Assert.All(xBar, v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void Log_sum_exp_of_an_empty_span_names_x()
    {
        // x[0] needs at least one element.
        ArgumentException forward = Assert.ThrowsAny<ArgumentException>(() => S.LogSumExpForward([], [], out _));
        ArgumentException adjoint = Assert.ThrowsAny<ArgumentException>(() => S.LogSumExpAdjoint([], []));

        Assert.Equal("x", forward.ParamName);
        Assert.Equal("x", adjoint.ParamName);
    }

    [Fact]
    public void Predict_adjoint_with_an_output_shorter_than_w_names_output_and_writes_nothing()
    {
        double[] w = [0.5, -1, 2, 0.25];
        double[] x = [1, 2, 3, 4];
        double[] wBar = Filled(4);
        double[] output = Filled(3);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => O.PredictAdjoint(w, wBar, x, output, new double[3]));

        Assert.Equal("output", e.ParamName);
        Assert.All(wBar, v => Assert.Equal(Sentinel, v));
        Assert.All(output, v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void Predict_adjoint_with_output_bar_of_another_length_names_output_bar_and_writes_nothing()
    {
        double[] w = [0.5, -1, 2, 0.25];
        double[] x = [1, 2, 3, 4];
        double[] wBar = Filled(4);
        double[] output = Filled(4);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => O.PredictAdjoint(w, wBar, x, output, new double[3]));

        Assert.Equal("outputBar", e.ParamName);
        Assert.All(wBar, v => Assert.Equal(Sentinel, v));
        Assert.All(output, v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void Predict_forward_with_output_dot_of_another_length_names_output_dot_and_writes_nothing()
    {
        double[] w = [0.5, -1, 2, 0.25];
        double[] x = [1, 2, 3, 4];
        double[] output = Filled(4);
        double[] outputDot = Filled(3);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => O.PredictForward(w, new double[4], x, output, outputDot));

        Assert.Equal("outputDot", e.ParamName);
        Assert.All(output, v => Assert.Equal(Sentinel, v));
        Assert.All(outputDot, v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void Predict_forward_with_data_shorter_than_w_names_x_and_writes_nothing()
    {
        double[] w = [0.5, -1, 2, 0.25];
        double[] x = [1, 2, 3];
        double[] output = Filled(4);
        double[] outputDot = Filled(4);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => O.PredictForward(w, new double[4], x, output, outputDot));

        Assert.Equal("x", e.ParamName);
        Assert.All(output, v => Assert.Equal(Sentinel, v));
        Assert.All(outputDot, v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void MatVec_with_W_too_short_for_y_and_x_names_w_and_writes_nothing()
    {
        // y has 3 rows, x 2 columns: W needs 6 elements.
        double[] w = [1, 2, 3, 4, 5];
        double[] x = [1, 2];
        double[] wBar = Filled(5), xBar = Filled(2), y = Filled(3);

        ArgumentException adjoint = Assert.ThrowsAny<ArgumentException>(() => O.MatVecAdjoint(w, wBar, x, xBar, y, new double[3]));
        ArgumentException forward = Assert.ThrowsAny<ArgumentException>(() => O.MatVecForward(w, new double[5], x, new double[2], y, Filled(3)));

        Assert.Equal("w", adjoint.ParamName);
        Assert.Equal("w", forward.ParamName);
        Assert.All(wBar, v => Assert.Equal(Sentinel, v));
        Assert.All(xBar, v => Assert.Equal(Sentinel, v));
        Assert.All(y, v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void Prefix_sum_with_y_shorter_than_x_names_y_and_writes_nothing()
    {
        double[] x = [1, 2, 3, 4];
        double[] xBar = Filled(4), y = Filled(3);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => O.PrefixSumAdjoint(x, xBar, y, new double[3]));

        Assert.Equal("y", e.ParamName);
        Assert.All(xBar, v => Assert.Equal(Sentinel, v));
        Assert.All(y, v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void Valid_lengths_after_a_rejected_call_still_work()
    {
        double[] pred = [1, 2, 3, 4];
        double[] y = [0.5, 2.5, 3, 1];
        Assert.ThrowsAny<ArgumentException>(() => L.MseAdjoint(pred, new double[3], y));

        double[] predBar = new double[4];
        double loss = L.MseAdjoint(pred, predBar, y);

        Assert.Equal(L.Mse(pred, y), loss);
        Assert.Equal(pred.Zip(y, (p, t) => -2.0 / 4 * (t - p)).ToArray(), predBar);
    }

    private static double[] Filled(int length) => Enumerable.Repeat(Sentinel, length).ToArray();
}
