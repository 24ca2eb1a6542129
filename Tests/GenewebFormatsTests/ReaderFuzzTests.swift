import Foundation
import GenewebFormats
import GenewebTestSupport
import Testing

/// Thousands of mutated files (see `ReaderFuzz`) through the GEDCOM and `.gw` readers: each is
/// read or refused with a reader's error, never ends the process, and what comes out stays
/// proportional to what went in. A crash leaves the case being read in the file printed at the
/// start; `GENEWEB_FUZZ_CASE=N` reads that case alone.
@Suite("Reader fuzzing")
struct ReaderFuzzTests {
    @Test("mutated GEDCOM and .gw files are read or cleanly refused, with output bounded by the input")
    func mutatedFiles() async throws {
        if !Corpus.runsTests { print("reader fuzz: corpus not found (set GENEWEB_CORPUS_DIR); mutating the built-in files only") }
        let files = ReaderFuzz.seedFiles(corpus: Corpus.runsTests ? Corpus.directory : nil)
        let seed = ReaderFuzz.seed
        let indexes = ReaderFuzz.caseIndexes(defaultCount: 2000)
        let current = FuzzCaseFile(name: "reader-fuzz")
        print("reader fuzz: seed \(seed), \(indexes.count) cases over \(files.count) files; the case being read is kept in \(current.path)")
        var read = 0
        var refused = 0
        var maximumInput = 0
        for index in indexes {
            // Minutes of reading on one of the few cooperative threads: give them back between
            // cases, or the tests running beside this one stall past their time limits.
            await Task.yield()
            let fuzzCase = ReaderFuzz.makeCase(index, seed: seed, files: files)
            current.keep(fuzzCase)
            maximumInput = max(maximumInput, fuzzCase.bytes.count)
            let reading = ReaderFuzz.read(fuzzCase)
            if let error = reading.error {
                refused += 1
                #expect(error is GedcomFileError || error is GenewebFileError, "\(fuzzCase): refused with \(error)")
                continue
            }
            read += 1
            #expect(reading.textsWithNul.isEmpty, "\(fuzzCase): NUL kept in \(reading.textsWithNul.prefix(3))")
            #expect(reading.records <= reading.lines + 1, "\(fuzzCase): \(reading.records) records from \(reading.lines) lines")
            #expect(reading.surveyed <= reading.lines, "\(fuzzCase): \(reading.surveyed) records surveyed from \(reading.lines) lines")
            #expect(reading.warnings <= fuzzCase.bytes.count + 16, "\(fuzzCase): \(reading.warnings) warnings")
            #expect(reading.textBytes <= 16 * fuzzCase.bytes.count + 65536, "\(fuzzCase): \(reading.textBytes) bytes of text")
        }
        current.remove()
        print("reader fuzz: \(read) files read, \(refused) refused, largest input \(maximumInput) bytes")
        #expect(maximumInput <= ReaderFuzz.sizeCap)
        // Most mutations leave a readable file: the readers are exercised, not only their refusals.
        #expect(read > refused)
    }
}
