"""Line plots in braille characters (2 x 4 dots per cell) for scalar curves."""

DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] in a cell
BLANK = 0x2800


def braille_plot(values, width: int, height: int) -> list:
    """``height`` lines of ``width`` braille characters drawing ``values`` left to right,
    the largest value at the top, consecutive points joined.

    >>> for line in braille_plot([0, 1, 2, 3], 2, 1):
    ...     print(line)
    ⣠⠞
    """
    values = list(values)
    if not values or width < 1 or height < 1:
        return [""] * max(height, 0)
    columns, rows = 2 * width, 4 * height
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    last = len(values) - 1

    def pixel_row(value):
        return round((high - value) / span * (rows - 1))

    cells = [[0] * width for _ in range(height)]
    previous = None
    for x in range(columns):
        y = pixel_row(values[round(x * last / (columns - 1)) if columns > 1 else 0])
        top, bottom = (y, y) if previous is None else (min(y, previous), max(y, previous))
        for row in range(top, bottom + 1):
            cells[row // 4][x // 2] |= DOT_BITS[row % 4][x % 2]
        previous = y
    return ["".join(chr(BLANK + bits) for bits in line) for line in cells]
