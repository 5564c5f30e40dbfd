"""Worked examples for rater aggregation: void raters, trimming, groups, normalisation."""

from __future__ import annotations

import pandas as pd
import pytest

from appraisal import Rules
from appraisal.model import normalise_frame
from appraisal.ratings import group_means, rating_raw, void_raters

RULES = Rules(year=2026)


def ballots(rows):
    return normalise_frame("ratings", pd.DataFrame(
        rows, columns=["rater_id", "rater_group", "staff_id", "indicator_id", "score"]))


def raw_of(frame, staff="S1", indicator="M", rules=RULES):
    out, _ = rating_raw(frame, rules)
    return float(out.set_index(["staff_id", "indicator_id"]).loc[(staff, indicator), "raw"])


class TestVoidRaters:
    def test_same_score_for_three_people_is_void(self):
        """V gives 80 to S1, S2 and S3 in M: V is void there, L's ballots stand."""
        f = ballots([("V", "leader", s, "M", 80) for s in ("S1", "S2", "S3")]
                    + [("L", "leader", "S1", "M", 90), ("L", "leader", "S2", "M", 70),
                       ("L", "leader", "S3", "M", 60)])
        void = void_raters(f)
        assert list(void["rater_id"]) == ["V"] and list(void["indicator_id"]) == ["M"]
        assert raw_of(f) == pytest.approx(90.0)

    def test_two_people_are_not_enough_to_void(self):
        """Same score for only two people is allowed: (90 + 80) / 2 = 85 for S1."""
        f = ballots([("V", "leader", "S1", "M", 80), ("V", "leader", "S2", "M", 80),
                     ("L", "leader", "S1", "M", 90)])
        assert void_raters(f).empty
        assert raw_of(f) == pytest.approx(85.0)

    def test_void_is_per_indicator(self):
        """Uniform in M but varied in N: void in M only, N's ballots count."""
        f = ballots([("V", "peer", s, "M", 80) for s in ("S1", "S2", "S3")]
                    + [("V", "peer", s, "N", v) for s, v in (("S1", 70), ("S2", 80),
                                                             ("S3", 90))])
        assert set(void_raters(f)["indicator_id"]) == {"M"}
        assert raw_of(f, indicator="N") == pytest.approx(70.0)

    def test_self_ratings_are_never_voided(self):
        """Three people rating themselves 100 are not a uniform rater: each is its own id."""
        f = ballots([(s, "self", s, "M", 100) for s in ("S1", "S2", "S3")])
        assert void_raters(f).empty
        assert raw_of(f) == pytest.approx(100.0)


class TestTrimming:
    def test_six_ballots_drop_highest_and_lowest(self):
        """Peers 70 80 85 90 95 100 (6 > 5): drop 70 and 100 → (80+85+90+95)/4 = 87.5."""
        f = ballots([(f"P{k}", "peer", "S1", "M", v)
                     for k, v in enumerate((70, 80, 85, 90, 95, 100))])
        g = group_means(f, RULES)
        assert bool(g["trimmed"].iloc[0]) and int(g["ballots"].iloc[0]) == 6
        assert raw_of(f) == pytest.approx(87.5)

    def test_exactly_five_ballots_keep_all(self):
        """Peers 60 70 80 90 100 (exactly 5): nothing dropped → mean 80."""
        f = ballots([(f"P{k}", "peer", "S1", "M", v) for k, v in enumerate((60, 70, 80, 90,
                                                                             100))])
        assert not bool(group_means(f, RULES)["trimmed"].iloc[0])
        assert raw_of(f) == pytest.approx(80.0)

    def test_trim_above_is_a_rule(self):
        """With trim_above 3, four ballots 60 70 80 100 drop 60 and 100 → 75."""
        f = ballots([(f"P{k}", "peer", "S1", "M", v) for k, v in enumerate((60, 70, 80, 100))])
        assert raw_of(f, rules=Rules(year=2026, trim_above=3)) == pytest.approx(75.0)

    def test_trimming_counts_valid_ballots_only(self):
        """Six peer ballots of which one is void leave five valid: no trimming."""
        rows = [(f"P{k}", "peer", "S1", "M", v) for k, v in enumerate((60, 70, 80, 90, 100))]
        rows += [("V", "peer", s, "M", 50) for s in ("S1", "S2", "S3")]
        assert raw_of(ballots(rows)) == pytest.approx(80.0)


class TestGroups:
    def test_groups_weighted_40_30_20_10(self):
        """leader 90, peer 80, public 70, self 100 → (3600+2400+1400+1000)/100 = 84."""
        f = ballots([("L", "leader", "S1", "M", 90), ("P", "peer", "S1", "M", 80),
                     ("Q", "public", "S1", "M", 70), ("S1", "self", "S1", "M", 100)])
        assert raw_of(f) == pytest.approx(84.0)

    def test_missing_groups_renormalise(self):
        """Only leader 95 and self 90 → (40×95 + 10×90)/50 = 94."""
        f = ballots([("L", "leader", "S1", "M", 95), ("S1", "self", "S1", "M", 90)])
        assert raw_of(f) == pytest.approx(94.0)

    def test_group_weights_come_from_rules(self):
        """Leader weight 100, peer 0: the peer ballot has no say → 90."""
        rules = Rules(year=2026, rater_weights=(("leader", 100.0), ("peer", 0.0),
                                                ("public", 0.0), ("self", 0.0)))
        f = ballots([("L", "leader", "S1", "M", 90), ("P", "peer", "S1", "M", 10)])
        assert raw_of(f, rules=rules) == pytest.approx(90.0)


class TestNormaliseRaters:
    def test_lenient_and_strict_raters_are_put_on_one_scale(self):
        """Two peers rate S1/S2: a lenient one (90, 100) and a strict one (50, 60).

        All non-self ballots: mean 75, population sd = sqrt(((15²+25²+25²+15²)/4)) = sqrt(425).
        Each rater's z-scores are −1 and +1, mapped back to 75 ∓ 20.6155…; so S1 gets
        75 − sqrt(425) from both raters and S2 75 + sqrt(425): leniency no longer matters.
        Without normalisation S1 would get (90+50)/2 = 70.
        """
        f = ballots([("P1", "peer", "S1", "M", 90), ("P1", "peer", "S2", "M", 100),
                     ("P2", "peer", "S1", "M", 50), ("P2", "peer", "S2", "M", 60)])
        rules = Rules(year=2026, normalise_raters=True)
        assert raw_of(f, "S1", rules=rules) == pytest.approx(75 - 425 ** 0.5)
        assert raw_of(f, "S2", rules=rules) == pytest.approx(75 + 425 ** 0.5)
        assert raw_of(f, "S1") == pytest.approx(70.0)

    def test_single_ballot_raters_are_left_alone(self):
        """A rater with one ballot has no spread: the score is kept as given."""
        f = ballots([("P1", "peer", "S1", "M", 77), ("S1", "self", "S1", "M", 90)])
        rules = Rules(year=2026, normalise_raters=True)
        g = group_means(f, rules).set_index("rater_group")["mean"]
        assert g["peer"] == pytest.approx(77.0) and g["self"] == pytest.approx(90.0)
