#pragma once
// Sample Hub answers for test_hub_parsers (kept out of the .cpp: moc cannot lex raw strings).

inline constexpr char kSample0[] = R"([
          {"_id":"1","id":"alice/ft","createdAt":"2024-05-01T12:00:00.000Z","downloads":42,"likes":3,
           "tags":["transformers","base_model:org/base","base_model:finetune:org/base","license:mit"]},
          {"_id":"2","id":"bob/q","createdAt":"2022-03-02T23:29:05.000Z",
           "tags":["base_model:org/base","base_model:quantized:org/base"]},
          {"_id":"3","id":"carol/x","tags":["base_model:org/base"]}
        ])";
inline constexpr char kSample1[] =
    R"({"id":"o/m","createdAt":"2023-07-18T00:00:00.000Z","downloadsAllTime":9,
            "childrenModelCount":12,"cardData":{"base_model":["a/b","c/d"],"new_version":"o/m2"}})";
inline constexpr char kSample2[] = R"({"id":"o/m","cardData":{"base_model":"a/b"}})";
inline constexpr char kSample3[] = R"([{"id":"a/b"},{"id":"c/)";
inline constexpr char kSample4[] = R"({"id":"a/b"})";
inline constexpr char kSample5[] = R"([{"id":"a/b"},{"createdAt":"2024-01-01T00:00:00Z"}])";
inline constexpr char kSample6[] = R"([{"id":7}])";
inline constexpr char kSample7[] = R"([1,2])";
inline constexpr char kSample8[] =
    R"([{"id":"a/b","downloads":"many","likes":-4,"tags":"x","createdAt":5}])";
inline constexpr char kSample9[] =
    R"(<https://huggingface.co/api/models?filter=base_model%3Aa%2Fb&cursor=eyJfaWQiOnt9fQ%3D%3D>; rel="next")";
inline constexpr char kSample10[] = R"(<https://h/p>; rel="prev", <https://h/n?a=b,c>; rel="next")";
inline constexpr char kSample11[] = R"(<https://h/n>; title="a;b"; rel="last next")";
inline constexpr char kSample12[] = R"(<https://h/p>; rel="prev")";
inline constexpr char kSample13[] = R"("api";r=0;t=55)";
inline constexpr char kSample14[] = R"( "api" ; r=12 ; t=3 )";
inline constexpr char kSample15[] = R"("api";t=9)";
inline constexpr char kSample16[] = R"("api";r=-1;t=x)";
inline constexpr char kSample17[] = R"("api";r=5;t=10, "other";r=0;t=99)";
