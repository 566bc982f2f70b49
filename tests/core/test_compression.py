"""Pages are sent compressed at zlib's fastest level (core.middleware.GZipMiddleware): the same
page, fewer bytes, and a length that varies between responses (against BREACH)."""

import gzip

ASKS_GZIP = {"accept-encoding": "gzip, deflate, br"}


def test_a_page_is_sent_compressed_at_the_fastest_level_and_reads_as_the_page(client, site_tree):
    plain = client.get("/en/about/")
    compressed = client.get("/en/about/", headers=ASKS_GZIP)

    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content)
    # The gzip header's XFL byte: 4 means "compressed with the fastest algorithm".
    assert compressed.content[8] == 4
    assert gzip.decompress(compressed.content) == plain.content


def test_the_length_of_a_compressed_page_varies_between_responses(client, site_tree):
    lengths = {len(client.get("/en/about/", headers=ASKS_GZIP).content) for _ in range(8)}

    assert len(lengths) > 1


def test_a_short_response_is_sent_as_it_is(client, site_tree):
    response = client.get("/healthz", headers=ASKS_GZIP)

    assert response.status_code == 200
    assert "Content-Encoding" not in response
