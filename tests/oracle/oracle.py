#!/usr/bin/env python3
"""Independent oracle for envroi MODEL.md sections 2-3, 5 and 11.

Written from /work/shared/MODEL.md only (not from the Rust sources);
section 11 (the estate, the two optional categories, cash and capacity)
from docs/MODEL.md section 11 only.  Where section 11 leaves a reading open,
the oracle takes the one below (each agrees with the binary):
- month 0 of the cash columns: cash_benefits = capacity_benefits = 0 and
  cash_net(0) = -costs(0), so cash_cumulative starts where cumulative does;
- the summary rows cash_benefits and capacity_benefits are the totals of
  their monthly cells over the horizon;
- an estate written without one of its lists has that list empty;
- the division by w in the estate's infrastructure term is taken exactly
  (MODEL.md: exact to 28 significant digits; no cell has differed);
- a `recapture` on a cash category is not a field of it (the binary refuses
  it as an unknown field), and a cash custom line's `recapture` is refused
  by the binary; the generator writes neither.

Money cells are computed EXACTLY with fractions.Fraction (the spec says
"intermediate products are not rounded"), then round2 = round half away
from zero.  Present values with Annual discounting are exact rationals too.
Monthly discounting ((1+r)^(t/12)) and IRR are irrational: they use
decimal.Decimal with 60 significant digits.

A second, "decimal left to right" evaluation of every benefit / cost cell
(28 significant digits, TRUNCATING intermediate results, f computed first,
then A x (1+g)^y x f / 12 left to right) is kept so that a disagreement can
be classified as an order-of-operations / precision effect at an exact .xx5
tie.  It is NOT the oracle: the exact Fraction value is.  It only
approximates a 96-bit rust_decimal evaluation (it reproduces the binary on
the ramp ties found, but may also flag cells the binary gets right).
"""
import datetime
import decimal
import re
import sys
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

CTX = decimal.Context(prec=60, rounding=ROUND_HALF_UP)
decimal.getcontext().prec = 60
decimal.getcontext().rounding = ROUND_HALF_UP
D28 = decimal.Context(prec=28, rounding=decimal.ROUND_DOWN)

CATEGORIES = [
    ("tem_infrastructure", "tem", ["environments", "servers_per_environment", "cost_per_server_year"], 1),
    ("tem_licences", "tem", ["licences", "cost_per_licence_year"], 1),
    ("tem_services", "tem", ["requests_per_year", "hours_per_request", "cost_per_hour"], 1),
    ("tem_headcount", "tem", ["fte", "cost_per_fte_year"], 1),
    ("tdm_infrastructure", "tdm", ["production_data_tb", "non_production_copies", "cost_per_tb_year"], 1),
    ("tdm_tester_productivity", "tdm", ["people", "hours_per_person_month", "cost_per_hour"], 12),
    ("tdm_developer_productivity", "tdm", ["people", "hours_per_person_month", "cost_per_hour"], 12),
    ("tdm_support", "tdm", ["defects_per_year", "cost_per_defect"], 1),
    ("tdm_breach", "tdm", ["annual_probability", "breach_cost"], 1),
]
# Section 11.1: the two optional categories, each written after the
# category it follows (TEM's five, then TDM's six).
NEW_CATEGORIES = [
    ("tem_availability", "tem", ["hours_per_month", "people_blocked", "cost_per_hour"], 12),
    ("tdm_refresh", "tdm", ["refreshes_per_year", "hours_per_refresh", "cost_per_hour"], 1),
]
ALL_CATEGORIES = CATEGORIES[:4] + NEW_CATEGORIES[:1] + CATEGORIES[4:] + NEW_CATEGORIES[1:]
# Section 11.2: the cash lines; every other category is a capacity line.
CASH_KEYS = {"tem_infrastructure", "tem_licences", "tem_services", "tdm_infrastructure", "tdm_breach"}
INT_FIELDS = {"horizon_months", "go_live_month", "pilot_months", "rollout_months", "environments",
              "licences", "requests_per_year", "non_production_copies", "people", "defects_per_year",
              "month", "start_month", "trials", "seed", "format_version", "people_blocked",
              "refreshes_per_year"}

# ---------------------------------------------------------------- RON subset


class Ident(str):
    pass


class Tagged:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value

    def __repr__(self):
        return "%s(%r)" % (self.tag, self.value)


class Num(str):
    """A bare number token kept as text (exact)."""


TOKEN_RE = re.compile(r"""
    (?P<ws>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<num>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[(){}\[\],:])
""", re.X | re.S)


def tokenize(text):
    pos, out = 0, []
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m:
            raise ValueError("RON: bad character at %d: %r" % (pos, text[pos:pos + 20]))
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        out.append((kind, m.group(kind)))
    return out


def _unescape(s):
    body = s[1:-1]
    return re.sub(r'\\(u\{[0-9a-fA-F]+\}|.)', lambda m: {
        'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', '0': '\0'}.get(m.group(1), None)
        or chr(int(m.group(1)[2:-1], 16)), body)


class Parser:
    def __init__(self, text):
        self.toks = tokenize(text)
        self.i = 0

    def peek(self, k=0):
        return self.toks[self.i + k] if self.i + k < len(self.toks) else (None, None)

    def take(self, kind=None, val=None):
        t = self.peek()
        if kind and t[0] != kind or val and t[1] != val:
            raise ValueError("RON: expected %s %s got %r" % (kind, val, t))
        self.i += 1
        return t

    def value(self):
        kind, v = self.peek()
        if kind == "str":
            self.i += 1
            return _unescape(v)
        if kind == "num":
            self.i += 1
            return Num(v)
        if kind == "punct" and v == "[":
            self.i += 1
            items = []
            while self.peek() != ("punct", "]"):
                items.append(self.value())
                if self.peek() == ("punct", ","):
                    self.i += 1
            self.i += 1
            return items
        if kind == "punct" and v == "{":
            # A map (file format 2's assumption register): no figure
            # depends on it, but a file that holds one must still parse.
            self.i += 1
            entries = {}
            while self.peek() != ("punct", "}"):
                key = self.value()
                self.take("punct", ":")
                entries[key] = self.value()
                if self.peek() == ("punct", ","):
                    self.i += 1
            self.i += 1
            return entries
        if kind == "punct" and v == "(":
            return self.struct_body(None)
        if kind == "ident":
            self.i += 1
            if v in ("true", "false"):
                return v == "true"
            if self.peek() == ("punct", "("):
                if v == "Some":
                    self.i += 1
                    inner = self.value()
                    self.take("punct", ")")
                    return Tagged("Some", inner)
                return self.struct_body(v)
            return Ident(v)
        raise ValueError("RON: unexpected %r" % (self.peek(),))

    def struct_body(self, tag):
        self.take("punct", "(")
        fields = {}
        while self.peek() != ("punct", ")"):
            _, name = self.take("ident")
            self.take("punct", ":")
            fields[name] = self.value()
            if self.peek() == ("punct", ","):
                self.i += 1
        self.i += 1
        if tag is not None:
            fields["__tag__"] = tag
        return fields


def parse_ron(text):
    p = Parser(text)
    v = p.value()
    if p.i != len(p.toks):
        raise ValueError("RON: trailing tokens")
    return v


def F(v):
    """Exact rational from a bare number or a string decimal."""
    if isinstance(v, bool):
        raise ValueError("bool where number expected")
    return Fraction(str(v).strip())


def I(v):
    return int(str(v))


# ---------------------------------------------------------------- model


def round_half_away(x, places):
    """x: Fraction -> Fraction rounded to `places` decimals, midpoint away from zero."""
    scale = 10 ** places
    q = abs(x) * scale
    n = (q.numerator * 2 + q.denominator) // (2 * q.denominator)  # floor(q + 1/2)
    r = Fraction(n, scale)
    return -r if x < 0 else r


def round2(x):
    return round_half_away(x, 2)


def fmt(x, places):
    """Fraction (already rounded) -> text with exactly `places` decimals, no negative zero."""
    r = round_half_away(Fraction(x), places)
    if r == 0:
        r = Fraction(0)
    n = r * 10 ** places
    assert n.denominator == 1
    d = Decimal(n.numerator).scaleb(-places)
    s = format(d.quantize(Decimal(1).scaleb(-places)), "f")
    return s


def ramp(prog, t):
    """f(t) for a programme dict; exact Fraction."""
    if not prog["enabled"] or t <= prog["s"]:
        return Fraction(0)
    k = t - prog["s"]
    P, R, c = prog["P"], prog["R"], prog["c"]
    if k <= P:
        return c
    if k <= P + R:
        return c + (1 - c) * Fraction(k - P, R)
    return Fraction(1)


def ramp_d28(prog, t):
    if not prog["enabled"] or t <= prog["s"]:
        return Decimal(0)
    k = t - prog["s"]
    P, R = prog["P"], prog["R"]
    c = Decimal(prog["c_txt"])
    if k <= P:
        return c
    if k <= P + R:
        return D28.add(c, D28.divide(D28.multiply(D28.subtract(Decimal(1), c), Decimal(k - P)), Decimal(R)))
    return Decimal(1)


def ytime(t):
    return (t - 1) // 12


def opt(v):
    """An optional field: absent (None), `None`, `Some(x)` or a bare value."""
    if v is None or (isinstance(v, Ident) and v == "None"):
        return None
    if isinstance(v, Tagged) and v.tag == "Some":
        return v.value
    return v


def to_d28(x):
    """A Fraction as a 28-digit Decimal (only for the d28 cross-check)."""
    return D28.divide(Decimal(x.numerator), Decimal(x.denominator))


def apply_recapture(line, A_d, rho_raw):
    """Section 11.2: a capacity line's cells use A x rho for A (rho = 1 when
    not written).  Only capacity lines recapture: a cash line's `A` is its
    whole saving."""
    rho = line["rho"] if line["nature"] == "capacity" else Fraction(1)
    line["rho"] = rho
    line["A"] = line["A_full"] * rho
    line["A_d"] = A_d if rho == 1 else D28.multiply(A_d, to_d28(rho))


def estate_saving(key, d, envs, dbs):
    """Section 11.3: the annual saving A derived from the estate, exact, or
    None when the category is not derived."""
    r = F(d["reduction"])
    if key in ("tem_infrastructure", "tem_licences") and envs:
        total = Fraction(0)
        for e in envs:
            n = F(e["count"])
            if key == "tem_infrastructure":
                w, w2 = F(e["hours_per_week"]), F(e["hours_per_week_after"])
                total += n * F(e["servers"]) * F(e["cost_per_server_year"]) * (w - (1 - r) * w2) / w
            else:
                total += n * F(e["licences"]) * F(e["cost_per_licence_year"]) * r
        return total
    if key == "tdm_infrastructure" and dbs:
        return sum((F(x["production_tb"]) * F(x["cost_per_tb_year"]) *
                    (F(x["copies"]) - F(x["copies_after"]) * (1 - r)) for x in dbs), Fraction(0))
    if key == "tdm_refresh" and dbs:
        hours = sum((F(x["refreshes_per_year"]) * F(x["hours_per_refresh"]) -
                     F(x["refreshes_per_year_after"]) * F(x["hours_per_refresh_after"]) * (1 - r) for x in dbs),
                    Fraction(0))
        return F(d["cost_per_hour"]) * hours
    return None


def freed_capacity(line):
    """Section 11.2: a capacity line's freed capacity, A x (1 - rho) a year
    at today's prices and full realisation: (amount, unit), unit `hours`
    (A x (1 - rho) / C), `fte` (tem_headcount: F x reduction x (1 - rho)) or
    `money` (its value).  None for a cash line.  Only the app shows it (no
    command writes it), so diff.py does not compare it; it serves to check
    that a shipped scenario's freed hours are plausible."""
    if line["nature"] != "capacity":
        return None
    rest = line["A_full"] * (1 - line["rho"])
    d = line["fields"]
    if line["col"] == "tem_headcount":
        return F(d["fte"]) * F(d["reduction"]) * (1 - line["rho"]), "fte"
    if line["col"] in ("tem_availability", "tdm_tester_productivity", "tdm_developer_productivity", "tdm_refresh"):
        c = F(d["cost_per_hour"])
        return (None if c == 0 else rest / c), "hours"
    return rest, "money"


def load_scenario(path_or_text, is_text=False):
    text = path_or_text if is_text else open(path_or_text, encoding="utf-8").read()
    raw = parse_ron(text)
    return normalise(raw)


def dtext(v):
    """Exact decimal text for the d28 variant."""
    return str(Decimal(str(v)))


def normalise(raw):
    sc = {"raw": raw}
    sc["name"] = raw["name"]
    sc["start"] = raw["start"]
    sc["H"] = I(raw["horizon_months"])
    sc["r"] = F(raw["discount_rate"])
    sc["r_txt"] = dtext(raw["discount_rate"])
    sc["discounting"] = str(raw.get("discounting", "Annual"))
    sc["u"] = F(raw.get("synergy_uplift", "0"))
    for p in ("tem", "tdm"):
        d = raw[p]
        sc[p] = {"enabled": bool(d["enabled"]), "s": I(d["go_live_month"]), "P": I(d["pilot_months"]),
                 "c": F(d["pilot_coverage"]), "c_txt": dtext(d["pilot_coverage"]), "R": I(d["rollout_months"])}
    lines = []  # benefit lines: dict(col, prog, A, growth, risk, nature, rho)
    b = raw["benefits"]
    estate = opt(raw.get("estate"))
    envs = [] if estate is None else estate.get("environments", [])
    dbs = [] if estate is None else estate.get("databases", [])
    sc["estate"] = {"environments": envs, "databases": dbs}
    declares = False
    for key, prog, drivers, twelve in ALL_CATEGORIES:
        d = opt(b.get(key))
        if d is None:
            if key in dict((k, 1) for k, _, _, _ in NEW_CATEGORIES):
                continue  # an optional category that is absent has no row (11.1)
            raise ValueError("missing category " + key)
        A = Fraction(1)
        Ad = Decimal(1)
        vals = [d[x] for x in drivers]
        if twelve == 12:
            vals = vals[:2] + ["12"] + vals[2:]
        for v in vals + [d["reduction"]]:
            A *= F(v)
            Ad = D28.multiply(Ad, Decimal(dtext(v)))
        derived = estate_saving(key, d, envs, dbs)
        if derived is not None:
            A = derived
            Ad = to_d28(A)
        nature = "cash" if key in CASH_KEYS else "capacity"
        rho_raw = opt(d.get("recapture"))
        declares = declares or rho_raw is not None
        rho = Fraction(1) if rho_raw is None else F(rho_raw)
        line = {"col": key, "prog": prog, "A_full": A, "derived": derived is not None,
                "g": F(d["growth"]), "g_txt": dtext(d["growth"]), "risk": F(d["risk"]),
                "risk_txt": dtext(d["risk"]), "nature": nature, "rho": rho, "fields": d}
        apply_recapture(line, Ad, rho_raw)
        lines.append(line)
    for cl in b.get("custom", []):
        prog = {"Tem": "tem", "Tdm": "tdm", "None": None}[str(cl["programme"])]
        nature_raw = opt(cl.get("nature"))
        rho_raw = opt(cl.get("recapture"))
        declares = declares or nature_raw is not None or rho_raw is not None
        nature = "capacity" if nature_raw is not None and str(nature_raw) == "Capacity" else "cash"
        rho = Fraction(1) if rho_raw is None else F(rho_raw)
        line = {"col": "custom:" + cl["name"], "prog": prog, "A_full": F(cl["annual_amount"]), "derived": False,
                "g": F(cl["growth"]), "g_txt": dtext(cl["growth"]), "risk": F(cl["risk"]),
                "risk_txt": dtext(cl["risk"]), "nature": nature, "rho": rho, "fields": cl}
        apply_recapture(line, Decimal(dtext(cl["annual_amount"])), rho_raw)
        lines.append(line)
    sc["declares"] = declares
    sc["lines"] = lines
    costs = []
    for c in raw.get("costs", []):
        tag = c["__tag__"]
        if tag == "OneOff":
            costs.append({"col": "cost:" + c["name"], "kind": "OneOff", "amount": F(c["amount"]),
                          "amount_txt": dtext(c["amount"]), "month": I(c["month"]), "risk": F(c["risk"]),
                          "risk_txt": dtext(c["risk"])})
        elif tag == "Recurring":
            em = c["end_month"]
            end = None if isinstance(em, Ident) and em == "None" else I(em.value)
            costs.append({"col": "cost:" + c["name"], "kind": "Recurring", "A": F(c["annual_amount"]),
                          "A_txt": dtext(c["annual_amount"]), "start": I(c["start_month"]), "end": end,
                          "g": F(c["growth"]), "g_txt": dtext(c["growth"]), "risk": F(c["risk"]),
                          "risk_txt": dtext(c["risk"])})
        else:
            raise ValueError("unknown cost kind " + tag)
    sc["costs"] = costs
    return sc


def month_label(start, t):
    if t == 0:
        return "upfront"
    y, m = int(start[:4]), int(start[5:7])
    idx = y * 12 + (m - 1) + (t - 1)
    return "%04d-%02d" % (idx // 12, idx % 12 + 1)


def benefit_cell(sc, line, t, adjusted):
    if t == 0:
        return Fraction(0)
    f = Fraction(1) if line["prog"] is None else ramp(sc[line["prog"]], t)
    x = line["A"] * (1 + line["g"]) ** ytime(t)
    if adjusted:
        x = x * (1 - line["risk"])
    return round2(x * f / 12)


def benefit_cell_d28(sc, line, t, adjusted):
    """Decimal, 28 digits, left to right: A x (1+g)^y [x (1-risk)] x f / 12."""
    if t == 0:
        return Decimal(0)
    f = Decimal(1) if line["prog"] is None else ramp_d28(sc[line["prog"]], t)
    g1 = D28.add(Decimal(1), Decimal(line["g_txt"]))
    p = Decimal(1)
    for _ in range(ytime(t)):
        p = D28.multiply(p, g1)
    x = D28.multiply(line["A_d"], p)
    if adjusted:
        x = D28.multiply(x, D28.subtract(Decimal(1), Decimal(line["risk_txt"])))
    x = D28.divide(D28.multiply(x, f), Decimal(12))
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def cost_cell(sc, c, t, adjusted):
    H = sc["H"]
    if c["kind"] == "OneOff":
        if t != c["month"]:
            return Fraction(0)
        return round2(c["amount"] * (1 + c["risk"])) if adjusted else round2(c["amount"])
    end = H if c["end"] is None else min(c["end"], H)
    if t < 1 or t < c["start"] or t > end:
        return Fraction(0)
    x = c["A"] * (1 + c["g"]) ** ytime(t)
    if adjusted:
        x = x * (1 + c["risk"])
    return round2(x / 12)


def cost_cell_d28(sc, c, t, adjusted):
    H = sc["H"]
    if c["kind"] == "OneOff":
        if t != c["month"]:
            return Decimal(0)
        a = Decimal(c["amount_txt"])
        if adjusted:
            a = D28.multiply(a, D28.add(Decimal(1), Decimal(c["risk_txt"])))
        return a.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    end = H if c["end"] is None else min(c["end"], H)
    if t < 1 or t < c["start"] or t > end:
        return Decimal(0)
    g1 = D28.add(Decimal(1), Decimal(c["g_txt"]))
    p = Decimal(1)
    for _ in range(ytime(t)):
        p = D28.multiply(p, g1)
    x = D28.multiply(Decimal(c["A_txt"]), p)
    if adjusted:
        x = D28.multiply(x, D28.add(Decimal(1), Decimal(c["risk_txt"])))
    return D28.divide(x, Decimal(12)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def monthly_table(sc, adjusted):
    """Returns (header, rows as list of lists of Fraction/str, series dict)."""
    H = sc["H"]
    both = sc["tem"]["enabled"] and sc["tdm"]["enabled"]
    header = ["month_index", "month"] + [l["col"] for l in sc["lines"]] + ["synergy", "total_benefits"] + \
        [c["col"] for c in sc["costs"]] + ["total_costs", "net", "cumulative"]
    if sc["declares"]:
        header += CASH_COLUMNS
    rows, ben, cos, net, cum = [], [], [], [], []
    cash, capacity, cash_net, cash_cum = [], [], [], []
    run = Fraction(0)
    cash_run = Fraction(0)
    d28_flags = []
    for t in range(H + 1):
        bcells = [benefit_cell(sc, l, t, adjusted) for l in sc["lines"]]
        for l, v in zip(sc["lines"], bcells):
            if benefit_cell_d28(sc, l, t, adjusted) != Decimal(v.numerator) / Decimal(v.denominator):
                d28_flags.append((t, l["col"], v, benefit_cell_d28(sc, l, t, adjusted)))
        if both:
            base = sum((v for l, v in zip(sc["lines"], bcells) if l["prog"] is not None), Fraction(0))
            syn = round2(sc["u"] * base)
        else:
            syn = Fraction(0)
        tb = sum(bcells, Fraction(0)) + syn
        ccells = [cost_cell(sc, c, t, adjusted) for c in sc["costs"]]
        for c, v in zip(sc["costs"], ccells):
            if cost_cell_d28(sc, c, t, adjusted) != Decimal(v.numerator) / Decimal(v.denominator):
                d28_flags.append((t, c["col"], v, cost_cell_d28(sc, c, t, adjusted)))
        tc = sum(ccells, Fraction(0))
        n = tb - tc
        run += n
        cb = sum((v for l, v in zip(sc["lines"], bcells) if l["nature"] == "cash"), Fraction(0))
        cn = cb - tc
        cash_run += cn
        row = [str(t), month_label(sc["start"], t)] + bcells + [syn, tb] + ccells + [tc, n, run]
        if sc["declares"]:
            row += [cb, tb - cb, cn, cash_run]
        rows.append(row)
        cash.append(cb)
        capacity.append(tb - cb)
        cash_net.append(cn)
        cash_cum.append(cash_run)
        ben.append(tb)
        cos.append(tc)
        net.append(n)
        cum.append(run)
    return header, rows, {"ben": ben, "cos": cos, "net": net, "cum": cum, "d28_flags": d28_flags,
                          "cash": cash, "capacity": capacity, "cash_net": cash_net, "cash_cum": cash_cum}


def pv(sc, series):
    """Present value: exact Fraction for Annual; 60-digit Decimal (as Fraction) for Monthly."""
    r = sc["r"]
    if sc["discounting"] == "Annual":
        years = {}
        for t, v in enumerate(series):
            Y = 0 if t == 0 else -(-t // 12)
            years[Y] = years.get(Y, Fraction(0)) + v
        return sum((v / (1 + r) ** Y for Y, v in years.items()), Fraction(0))
    total = Fraction(0)
    base = CTX.add(Decimal(1), Decimal(sc["r_txt"]))
    for t, v in enumerate(series):
        if v == 0:
            continue
        if t % 12 == 0:
            total += v / (1 + r) ** (t // 12)
        else:
            fac = CTX.power(base, CTX.divide(Decimal(t), Decimal(12)))
            total += v / Fraction(fac)
    return total


def payback(net, cum):
    t0 = next((t for t, c in enumerate(cum) if c < 0), None)
    if t0 is None:
        return Fraction(0)
    t1 = next((t for t in range(t0 + 1, len(cum)) if cum[t] >= 0), None)
    if t1 is None:
        return None
    return (t1 - 1) + (-cum[t1 - 1]) / net[t1]


def npv_at(net, i, ctx=CTX):
    """sum net(t)/(1+i)^t with Decimal i."""
    x = ctx.divide(Decimal(1), ctx.add(Decimal(1), i))
    acc = Decimal(0)
    for v in reversed(net):  # Horner in x
        acc = ctx.add(ctx.multiply(acc, x), Decimal(v.numerator) / Decimal(v.denominator))
    return acc


def irr_roots(net):
    """All sign-change roots (monthly rate) of the NPV polynomial in (-0.99, 10)."""
    if not any(v > 0 for v in net) or not any(v < 0 for v in net):
        return []
    import math
    fnet = [float(v) for v in net]

    def fval(i):
        x = 1.0 / (1.0 + i)
        acc = 0.0
        for v in reversed(fnet):
            acc = acc * x + v
        return acc
    # grid in log(1+i), dense: 20000 points over ln(0.01)..ln(11)
    lo, hi = math.log(0.01), math.log(11.0)
    N = 20000
    grid = [math.exp(lo + (hi - lo) * k / N) - 1 for k in range(1, N)]
    grid = sorted(set(grid + [0.0, 1e-9, -1e-9, 10 - 1e-9, -0.99 + 1e-9]))
    grid = [g for g in grid if -0.99 < g < 10]
    roots = []
    prev_i, prev_v = None, None
    for g in grid:
        v = fval(g)
        if prev_v is not None and (v == 0 or (prev_v < 0) != (v < 0)) and prev_v != 0:
            roots.append(refine(net, prev_i, g))
        prev_i, prev_v = g, v
    return roots


def refine(net, a, b):
    A, B = Decimal(repr(a)), Decimal(repr(b))
    fa = npv_at(net, A)
    fb = npv_at(net, B)
    if fa == 0:
        return A
    if fb == 0:
        return B
    if (fa < 0) == (fb < 0):  # float grid sign error: keep the float midpoint
        return (A + B) / 2
    for _ in range(200):
        m = CTX.divide(CTX.add(A, B), Decimal(2))
        fm = npv_at(net, m)
        if fm == 0:
            return m
        if (fm < 0) == (fa < 0):
            A, fa = m, fm
        else:
            B, fb = m, fm
        if CTX.subtract(B, A) < Decimal("1e-45"):
            break
    return CTX.divide(CTX.add(A, B), Decimal(2))


def irr(net):
    roots = irr_roots(net)
    if not roots:
        return None, roots
    i = min(roots, key=lambda x: abs(x))
    ann = CTX.subtract(CTX.power(CTX.add(Decimal(1), i), 12), Decimal(1))
    return Fraction(ann), roots


def figures(sc, adjusted):
    header, rows, s = monthly_table(sc, adjusted)
    tb, tc = sum(s["ben"], Fraction(0)), sum(s["cos"], Fraction(0))
    pvb, pvc = pv(sc, s["ben"]), pv(sc, s["cos"])
    npv = pvb - pvc
    roi = None if pvc == 0 else npv / pvc
    pb = payback(s["net"], s["cum"])
    ir, roots = irr(s["net"])
    return {"total_benefits": tb, "total_costs": tc, "net_total": tb - tc, "pv_benefits": pvb,
            "pv_costs": pvc, "npv": npv, "roi": roi, "payback_months": pb, "irr_annual": ir,
            "_roots": roots, "_net": s["net"], "_table": (header, rows), "_d28": s["d28_flags"],
            # section 11.2: the cash figures
            "cash_benefits": sum(s["cash"], Fraction(0)), "capacity_benefits": sum(s["capacity"], Fraction(0)),
            "cash_pv_benefits": pv(sc, s["cash"]), "cash_npv": pv(sc, s["cash"]) - pvc,
            "cash_payback_months": payback(s["cash_net"], s["cash_cum"]), "_declares": sc["declares"]}


SUMMARY_ROWS = ["total_benefits", "total_costs", "net_total", "pv_benefits", "pv_costs", "npv",
                "roi", "payback_months", "irr_annual"]
CASH_ROWS = ["cash_benefits", "capacity_benefits", "cash_pv_benefits", "cash_npv", "cash_payback_months"]
CASH_COLUMNS = ["cash_benefits", "capacity_benefits", "cash_net", "cash_cumulative"]
COMPARISON_CASH_ROWS = ["cash_npv", "cash_payback_months"]
PLACES = {"roi": 6, "irr_annual": 6, "payback_months": 2, "cash_payback_months": 2}


def fmt_figure(k, v):
    if v is None:
        return ""
    return fmt(v, PLACES.get(k, 2))


def safe_text(s):
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def monthly_csv_rows(fig):
    header, rows = fig["_table"]
    out = [[safe_text(h) for h in header]]
    for r in rows:
        out.append([r[0], r[1]] + [fmt(v, 2) for v in r[2:]])
    return out


def summary_csv_rows(fu, fa):
    out = [["metric", "unadjusted", "risk_adjusted"]]
    for k in SUMMARY_ROWS + (CASH_ROWS if fa["_declares"] else []):
        out.append([k, fmt_figure(k, fu[k]), fmt_figure(k, fa[k])])
    return out


def dedupe_names(names):
    """Section 5: a name already used by an earlier column gets ` (2)`,
    ` (3)`... appended."""
    out, used = [], set()
    for n in names:
        cand, k = n, 1
        while cand in used:
            k += 1
            cand = "%s (%d)" % (n, k)
        used.add(cand)
        out.append(cand)
    return out


def comparison_csv_rows(named_figures):
    """Section 5's comparison CSV (risk-adjusted view), with 11.2's cash rows
    when any of its files declares capacity.  named_figures: [(name, fa)]."""
    names = dedupe_names([n for n, _ in named_figures])
    out = [["metric"] + [safe_text(n) for n in names]]
    rows = SUMMARY_ROWS[:]
    if any(fa["_declares"] for _, fa in named_figures):
        rows += COMPARISON_CASH_ROWS
    for k in rows:
        out.append([k] + [fmt_figure(k, fa[k]) if (k in SUMMARY_ROWS or fa["_declares"]) else ""
                          for _, fa in named_figures])
    return out


if __name__ == "__main__":
    import csv
    sc = load_scenario(sys.argv[1])
    fa, fu = figures(sc, True), figures(sc, False)
    w = csv.writer(sys.stdout, lineterminator="\n")
    for r in summary_csv_rows(fu, fa):
        w.writerow(r)
