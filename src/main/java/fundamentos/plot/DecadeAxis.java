package fundamentos.plot;

import java.awt.Graphics2D;
import java.awt.font.TextAttribute;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.text.AttributedString;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;

/**
 * A base-10 log axis whose labels fall on round values: powers of ten when the axis spans at least
 * two of them (every k-th one when there are too many to label), else 1, 2 and 5 times powers of
 * ten, else every digit times a power of ten, and on an axis narrower than that the linear 1-2-5
 * ticks of a number axis. The other digit multiples (2, 3, ..., 9 times 10^n) get unlabelled
 * minor ticks. JFreeChart's own {@link LogAxis} picks its tick step in exponent space, which puts
 * labels at values such as 10^0.25 = 1.78 when the axis spans less than a decade.
 */
final class DecadeAxis extends LogAxis {

  private static final long serialVersionUID = 1L;

  /**
   * Decimal labels (with thousands separators) from 10^-4 to 10^6; 10 with a superscript exponent
   * outside.
   */
  private static final int PLAIN_BELOW = -4;
  private static final int PLAIN_ABOVE = 6;

  DecadeAxis(String label) {
    super(label);
    setBase(10);
    setMinorTickMarksVisible(true);
    setMinorTickMarkOutsideLength(3);
  }

  /** A candidate tick: {@code digit} times 10^{@code exponent}. */
  private record Mark(int digit, int exponent, double value) {
  }

  @Override
  public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
      RectangleEdge edge) {
    Range range = getRange();
    double lo = range.getLowerBound();
    double hi = range.getUpperBound();
    boolean horizontal = RectangleEdge.isTopOrBottom(edge);
    TextAnchor anchor = horizontal
        ? (edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER)
        : (edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
    List<LogTick> ticks = new ArrayList<>();
    if (!(lo > 0 && hi > lo)) {
      return ticks;
    }
    // about one label per 60 pixels across, or per two and a half lines of text up the side
    double length = horizontal ? dataArea.getWidth() : dataArea.getHeight();
    double labelRoom = horizontal ? 60 : 2.5 * getTickLabelFont().getSize2D();
    int mostLabels = Math.max(2, (int) (length / labelRoom));

    List<Mark> marks = new ArrayList<>();
    int first = (int) Math.floor(Math.log10(lo));
    int last = (int) Math.floor(Math.log10(hi));
    for (int n = first; n <= last; n++) {
      for (int digit = 1; digit <= 9; digit++) {
        double value = digit * Math.pow(10, n);
        if (range.contains(value)) {
          marks.add(new Mark(digit, n, value));
        }
      }
    }
    long powers = marks.stream().filter(m -> m.digit() == 1).count();
    long oneTwoFive = marks.stream().filter(m -> m.digit() == 1 || m.digit() == 2
        || m.digit() == 5).count();
    int level;
    if (powers >= 2) {
      level = 0;
    } else if (oneTwoFive >= 2 && oneTwoFive <= mostLabels) {
      level = 1;
    } else if (marks.size() >= 2 && marks.size() <= mostLabels) {
      level = 2;
    } else {
      return linearTicks(lo, hi, anchor, mostLabels);
    }
    int step = (int) Math.ceil(powers / (double) mostLabels);
    for (Mark mark : marks) {
      boolean labelled = switch (level) {
        case 0 -> mark.digit() == 1 && Math.floorMod(mark.exponent(), Math.max(1, step)) == 0;
        case 1 -> mark.digit() == 1 || mark.digit() == 2 || mark.digit() == 5;
        default -> true;
      };
      if (labelled) {
        ticks.add(new LogTick(TickType.MAJOR, mark.value(), label(mark), anchor));
      } else if (last - first <= 8) {
        // minor ticks stay readable over up to eight decades
        ticks.add(new LogTick(TickType.MINOR, mark.value(), null, anchor));
      }
    }
    return ticks;
  }

  /**
   * Round linear ticks (1, 2 or 5 times a power of ten apart, at most six) on an axis too narrow
   * for two digit multiples of a power of ten.
   */
  private List<LogTick> linearTicks(double lo, double hi, TextAnchor anchor, int mostLabels) {
    TickUnit unit = new NumberTickUnitSource().getCeilingTickUnit((hi - lo)
        / Math.min(mostLabels, 6));
    List<LogTick> ticks = new ArrayList<>();
    for (long k = (long) Math.ceil(lo / unit.getSize()); k * unit.getSize() <= hi; k++) {
      double value = k * unit.getSize();
      ticks.add(new LogTick(TickType.MAJOR, value, plain(unit.valueToString(value)), anchor));
    }
    return ticks;
  }

  private AttributedString label(Mark mark) {
    if (mark.exponent() >= PLAIN_BELOW && mark.exponent() <= PLAIN_ABOVE) {
      DecimalFormat grouped = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(
          Locale.ROOT));
      return plain(grouped.format(BigDecimal.valueOf(mark.digit()).scaleByPowerOfTen(
          mark.exponent())));
    }
    String base = mark.digit() == 1 ? "10" : mark.digit() + "\u00d710";
    String exponent = Integer.toString(mark.exponent()).replace('-', '\u2212');
    AttributedString text = plain(base + exponent);
    text.addAttribute(TextAttribute.SUPERSCRIPT, TextAttribute.SUPERSCRIPT_SUPER, base.length(),
        base.length() + exponent.length());
    return text;
  }

  private AttributedString plain(String text) {
    AttributedString label = new AttributedString(text);
    label.addAttributes(getTickLabelFont().getAttributes(), 0, text.length());
    return label;
  }
}
