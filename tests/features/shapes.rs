//! One fixture per shape a definition is written in (SPEC §4): going to the definition of a
//! mention in another note, and the hover that answers it.

use crate::fixture::Fixture;
use expect_test::{expect, Expect};

fn check(fixture: &str, expect: Expect) {
    let fixture = Fixture::new(fixture);
    expect.assert_eq(&format!("{}\n{}", fixture.definition(), fixture.hover()));
}

#[test]
fn heading_topic_without_its_question_words() {
    check(
        r#"
        --- redis.md
        ## What is Redis?
        Redis is an in-memory data store.

        It is often a cache.
        --- notes.md
        We cache in Red$0is.
        "#,
        expect![[r#"
            redis.md:1:1  ## What is Redis?

            hover notes.md:1:13  Redis

            **Redis**

            Redis is an in-memory data store.

            It is often a cache.

            ---
            Source: [redis.md › What is Redis?](file://$VAULT/redis.md#L1)
        "#]],
    );
}

#[test]
fn heading_topic_with_a_generic_head_and_an_alias() {
    check(
        r#"
        --- cap.md
        ### CAP Theorem (Brewer's theorem)
        In a distributed store you can't have consistency, availability and partition tolerance all at once.
        --- notes.md
        Mind C$0AP when picking a store.
        "#,
        expect![[r#"
            cap.md:1:1  ### CAP Theorem (Brewer's theorem)

            hover notes.md:1:6  CAP

            **CAP Theorem** · **Brewer's theorem**

            In a distributed store you can't have consistency, availability and partition tolerance all at once.

            ---
            Source: [cap.md › CAP Theorem (Brewer's theorem)](file://$VAULT/cap.md#L1)
        "#]],
    );
}

#[test]
fn bold_lead() {
    check(
        r#"
        --- storage.md
        # Storage
        **Write-Ahead Log (WAL)** is an append-only file where changes are recorded before they are applied.
        --- notes.md
        Postgres writes the W$0AL first.
        "#,
        expect![[r#"
            storage.md:2:1  **Write-Ahead Log (WAL)**

            hover notes.md:1:21  WAL

            **Write-Ahead Log** · **WAL**

            **Write-Ahead Log (WAL)** is an append-only file where changes are recorded before they are applied.

            ---
            Source: [storage.md › Storage](file://$VAULT/storage.md#L2)
        "#]],
    );
}

#[test]
fn code_lead() {
    check(
        r#"
        --- nosql.md
        # NoSQL
        `BASE` is the set of properties many NoSQL stores choose instead of ACID.
        --- notes.md
        Cassandra is B$0ASE.
        "#,
        expect![[r#"
            nosql.md:2:1  `BASE`

            hover notes.md:1:14  BASE

            **BASE**

            `BASE` is the set of properties many NoSQL stores choose instead of ACID.

            ---
            Source: [nosql.md › NoSQL](file://$VAULT/nosql.md#L2)
        "#]],
    );
}

#[test]
fn a_bold_line_opens_the_list_after_it() {
    check(
        r#"
        --- base.md
        ### BASE

        1. **Basically Available**

        - The system answers even under failure.

        2. **Eventual Consistency**

        - Given enough time all replicas converge.
        --- notes.md
        Likes only need eventual consis$0tency.
        "#,
        expect![[r#"
            base.md:7:4  **Eventual Consistency**

            hover notes.md:1:17  eventual consistency

            **Eventual Consistency**

            - Given enough time all replicas converge.

            ---
            Source: [base.md › BASE](file://$VAULT/base.md#L7)
        "#]],
    );
}

#[test]
fn sentence() {
    check(
        r#"
        --- db.md
        # Databases
        Replication is keeping copies of the same data on several machines.
        --- notes.md
        Read about replic$0ation.
        "#,
        expect![[r#"
            db.md:2:1  Replication is keeping copies of the same data on several ma…

            hover notes.md:1:12  replication

            **Replication**

            Replication is keeping copies of the same data on several machines.

            ---
            Source: [db.md › Databases](file://$VAULT/db.md#L2)
        "#]],
    );
}

#[test]
fn russian_sentence_with_a_dash() {
    check(
        r#"
        --- ru.md
        # Базы данных
        - Репликация - это хранение копий одних и тех же данных на нескольких узлах.
        --- notes.md
        Настроить репли$0кацию.
        "#,
        expect![[r#"
            ru.md:2:3  Репликация - это хранение копий одних и тех же данных на нес…

            hover notes.md:1:11  репликацию

            **Репликация**

            - Репликация - это хранение копий одних и тех же данных на нескольких узлах.

            ---
            Source: [ru.md › Базы данных](file://$VAULT/ru.md#L2)
        "#]],
    );
}

#[test]
fn russian_heading_with_two_sentences() {
    check(
        r#"
        --- ru.md
        ## Шардирование
        Шардирование — это разделение данных между серверами. Каждый шард хранит часть ключей.
        --- notes.md
        Про шардиро$0вание.
        "#,
        expect![[r#"
            ru.md:1:1  ## Шардирование

            hover notes.md:1:5  шардирование

            **Шардирование**

            Шардирование — это разделение данных между серверами. Каждый шард хранит часть ключей.

            ---
            Source: [ru.md › Шардирование](file://$VAULT/ru.md#L1)
        "#]],
    );
}

#[test]
fn numbered_question_with_an_answer_block() {
    check(
        r#"
        --- python.md
        3. What is the GIL?

        Answer: GIL (global interpreter lock) is a lock that lets one thread run Python bytecode at a time.

        4. What is MRO?

        Answer: f
        --- notes.md
        Threads and the G$0IL.
        "#,
        expect![[r#"
            python.md:1:4  What is the GIL?

            hover notes.md:1:17  GIL

            **GIL** · **global interpreter lock**

            Answer: GIL (global interpreter lock) is a lock that lets one thread run Python bytecode at a time.

            ---
            Source: [python.md](file://$VAULT/python.md#L1)
        "#]],
    );
}

#[test]
fn outline_topic() {
    check(
        r#"
        --- ru.md
        ## Базы данных
        - Индексы
          - структура, которая находит строки без полного просмотра таблицы
        - ACID
          - f
        --- notes.md
        Нужны инде$0ксы.
        "#,
        expect![[r#"
            ru.md:2:3  Индексы

            hover notes.md:1:7  индексы

            **Индексы**

            - структура, которая находит строки без полного просмотра таблицы

            ---
            Source: [ru.md › Базы данных](file://$VAULT/ru.md#L2)
        "#]],
    );
}

#[test]
fn glossary_entry() {
    check(
        r#"
        --- glossary.md
        # Glossary

        Idempotence
        : an operation that gives the same result however many times it is applied.
        --- notes.md
        Retries need idempo$0tence.
        "#,
        expect![[r#"
            glossary.md:3:1  Idempotence

            hover notes.md:1:14  idempotence

            **Idempotence**

            : an operation that gives the same result however many times it is applied.

            ---
            Source: [glossary.md › Glossary](file://$VAULT/glossary.md#L3)
        "#]],
    );
}

#[test]
fn abbreviation() {
    check(
        r#"
        --- web.md
        # Web
        *[HTML]: HyperText Markup Language
        --- notes.md
        Parse the HT$0ML.
        "#,
        expect![[r#"
            web.md:2:1  *[HTML]: HyperText Markup Language

            hover notes.md:1:11  HTML

            **HTML** · **HyperText Markup Language**

            *[HTML]: HyperText Markup Language

            ---
            Source: [web.md › Web](file://$VAULT/web.md#L2)
        "#]],
    );
}

#[test]
fn front_matter_alias() {
    check(
        r#"
        --- db.md
        ---
        title: Databases
        aliases: [DBMS, СУБД]
        ---
        # Databases
        A database keeps data organised for quick retrieval.
        --- notes.md
        Какую СУ$0БД выбрать?
        "#,
        expect![[r#"
            db.md:5:1  # Databases

            hover notes.md:1:7  СУБД

            **Databases** · **DBMS** · **СУБД**

            A database keeps data organised for quick retrieval.

            ---
            Source: [db.md › Databases](file://$VAULT/db.md#L5)
        "#]],
    );
}

#[test]
fn expansion_and_abbreviation_in_a_sentence() {
    check(
        r#"
        --- glossary.md
        # Distributed
        Two-phase commit (2PC) is a protocol in which a coordinator asks every participant first.
        --- notes.md
        Avoid 2$0PC across services.
        "#,
        expect![[r#"
            glossary.md:2:1  Two-phase commit (2PC) is a protocol in which a coordinator …

            hover notes.md:1:7  2PC

            **Two-phase commit** · **2PC**

            Two-phase commit (2PC) is a protocol in which a coordinator asks every participant first.

            ---
            Source: [glossary.md › Distributed](file://$VAULT/glossary.md#L2)
        "#]],
    );
}

#[test]
fn translated_readme_with_a_table_of_contents() {
    check(
        r#"
        --- README.md
        # System design
        - [Load balancer](#load-balancer)

        ## Load balancer

        A load balancer spreads requests over several servers.
        --- README-ru.md
        # Системный дизайн
        - [Балансировщик нагрузки](#балансировщик-нагрузки-load-balancer)

        ## Балансировщик нагрузки (Load balancer)

        Балансировщик нагрузки распределяет запросы между серверами.
        --- notes.md
        Поставить балансиро$0вщик нагрузки.
        "#,
        expect![[r#"
            README-ru.md:4:1  ## Балансировщик нагрузки (Load balancer)
            README.md:4:1  ## Load balancer

            hover notes.md:1:11  балансировщик нагрузки

            **Балансировщик нагрузки** · **Load balancer**

            Балансировщик нагрузки распределяет запросы между серверами.

            ---
            Source: [README-ru.md › Системный дизайн › Балансировщик нагрузки (Load balancer)](file://$VAULT/README-ru.md#L4)

            Also in: [README.md › System design › Load balancer](file://$VAULT/README.md#L4)
        "#]],
    );
}
