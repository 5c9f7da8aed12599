//! Which cases hold each character. A search term can only occur in a case that holds every
//! character of it, so a keystroke checks those cases' texts instead of scanning every text of a
//! large ledger (bench: the scan was most of a keystroke at 5,000 cases).

/// One set of cases per character of the Basic Multilingual Plane (every Chinese character in
/// use, and ASCII); a term's other characters do not narrow its candidates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CharIndex {
    /// For each BMP code point, its set's place in `sets` plus one; 0: no case holds it.
    slots: Vec<u32>,
    /// A bit per case, in the order the cases were added.
    sets: Vec<Vec<u64>>,
    cases: usize,
}

/// A set of cases, a bit per case.
pub type Cases = Vec<u64>;

const BMP: usize = 0x1_0000;

impl CharIndex {
    /// Adds the next case, by its text.
    pub fn push(&mut self, text: &str) {
        if self.slots.is_empty() {
            self.slots = vec![0; BMP];
        }
        let (word, bit) = (self.cases / 64, 1u64 << (self.cases % 64));
        for code in text.chars().map(|c| c as usize).filter(|&c| c < BMP) {
            let slot = match self.slots[code] {
                0 => {
                    self.sets.push(Vec::new());
                    self.slots[code] = self.sets.len() as u32;
                    self.sets.len() - 1
                }
                slot => slot as usize - 1,
            };
            let set = &mut self.sets[slot];
            if set.len() <= word {
                set.resize(word + 1, 0);
            }
            set[word] |= bit;
        }
        self.cases += 1;
    }

    /// The cases that hold every character of `term` (of the BMP); `None` if it has none.
    pub fn candidates(&self, term: &str) -> Option<Cases> {
        let words = self.cases.div_ceil(64);
        let mut found: Option<Cases> = None;
        for code in term.chars().map(|c| c as usize).filter(|&c| c < BMP) {
            let set = match self.slots.get(code) {
                Some(&slot) if slot > 0 => self.sets[slot as usize - 1].as_slice(),
                _ => &[],
            };
            let found = found.get_or_insert_with(|| vec![u64::MAX; words]);
            for (i, word) in found.iter_mut().enumerate() {
                *word &= set.get(i).copied().unwrap_or(0);
            }
        }
        found
    }
}

/// The cases in both sets.
pub fn both(mut a: Cases, b: &Cases) -> Cases {
    a.iter_mut().zip(b).for_each(|(a, b)| *a &= b);
    a
}

/// Whether case `i` is in `cases`.
pub fn holds(cases: &Cases, i: usize) -> bool {
    cases.get(i / 64).is_some_and(|word| word >> (i % 64) & 1 == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(cases: &Cases, total: usize) -> Vec<usize> {
        (0..total).filter(|&i| holds(cases, i)).collect()
    }

    #[test]
    fn candidates_hold_every_character_of_the_term() {
        let texts = ["征地补偿\n", "房屋拆除", "拆迁补偿", "li ming 😀", ""];
        let mut index = CharIndex::default();
        texts.iter().for_each(|t| index.push(t));
        let of = |term: &str| index.candidates(term).map(|c| members(&c, texts.len()));
        assert_eq!(of("补偿"), Some(vec![0, 2]));
        assert_eq!(of("偿补"), Some(vec![0, 2]), "candidates only: the texts are checked after");
        assert_eq!(of("拆"), Some(vec![1, 2]));
        assert_eq!(of("li"), Some(vec![3]));
        assert_eq!(of("无"), Some(vec![]), "a character no case holds");
        assert_eq!(of("😀"), None, "beyond the BMP: no narrowing");
        assert_eq!(of("😀拆"), Some(vec![1, 2]));
        assert_eq!(of(""), None);
        let all = index.candidates("补").unwrap();
        assert_eq!(members(&both(all, &index.candidates("拆").unwrap()), 5), vec![2]);
    }

    #[test]
    fn sets_span_many_words_of_cases() {
        let mut index = CharIndex::default();
        for i in 0..200 {
            index.push(if i % 67 == 0 { "甲乙" } else { "乙" });
        }
        assert_eq!(members(&index.candidates("甲").unwrap(), 200), vec![0, 67, 134]);
        assert_eq!(members(&index.candidates("乙").unwrap(), 200).len(), 200);
        assert!(!holds(&index.candidates("乙").unwrap(), 200), "no case past the last");
    }
}
