//! The app's one sort. Every `sort_by_key` call site would instantiate the standard library's
//! stable sort for its own types (about 3 KB of wasm each, 50 KB in all: twiggy); here every
//! sort orders positions (`usize`) through a `dyn` comparison, so that one instance serves all,
//! and the items are then moved into that order. Stable, like `slice::sort_by`.

use std::cmp::Ordering;

/// Sorts positions (indices into something else) by `compare`: the one instance of the sort.
pub fn sort_positions(positions: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    positions.sort_by(|&a, &b| compare(a, b));
}

pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &mut |a, b| compare(&items[a], &items[b]));
    // The item at `order[k]` belongs at `k`: move them along each cycle of the permutation.
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut k = start;
        while !placed[k] {
            placed[k] = true;
            let next = order[k];
            if next == start {
                break;
            }
            items.swap(k, next);
            k = next;
        }
    }
}

pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut items: Vec<(u8, usize)> =
            [3u8, 1, 2, 1, 3, 0, 2, 1].iter().enumerate().map(|(i, &k)| (k, i)).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(k, _)| k);
        sort_by_key(&mut items, |&(k, _)| k);
        assert_eq!(items, expected);
        let mut words = vec!["丙", "甲", "乙", "甲"];
        sort(&mut words);
        assert_eq!(words, ["丙", "乙", "甲", "甲"]);
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["甲", "甲", "乙", "丙"]);
        let mut none: Vec<u8> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
        let mut long: Vec<u32> = (0..500).map(|i| (i * 7919 % 263) as u32).collect();
        let mut expected = long.clone();
        expected.sort();
        sort(&mut long);
        assert_eq!(long, expected);
        let mut positions = vec![2, 0, 1];
        sort_positions(&mut positions, &mut |a, b| a.cmp(&b));
        assert_eq!(positions, [0, 1, 2]);
    }
}
