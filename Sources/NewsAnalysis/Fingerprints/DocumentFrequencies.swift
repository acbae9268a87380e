/// Inverse document frequencies for term weighting, from whatever keeps the counts (the archive's
/// table, a batch job's ``DocumentFrequencyTable``).
///
/// Without one, terms are weighted by frequency alone: stopwords are already out, and that
/// is enough to pick the topic words of a single article; IDF then demotes words every article of
/// a section repeats ("said", "country", "year"), which is what separates stories.
public protocol DocumentFrequencies: Sendable {
    /// The weight multiplier of a term (its ``FingerprintHash`` term hash); larger for rarer terms.
    func idf(_ term: UInt64) -> Float
}
